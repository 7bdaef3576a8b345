using System.Runtime.CompilerServices;
using EcgBeats.Beats;

namespace EcgBeats.Classification;

/// <summary>
/// A model lent to several users (e.g. one trained member shared by three ensembles in a run): disposing the wrapper
/// leaves the model alone (its owner disposes it), and the probabilities of each set of beats it has scored are kept,
/// so that scoring the same validation or test beats again costs nothing.
/// </summary>
public sealed class SharedClassifier(IBeatClassifier model) : IBeatClassifier
{
    private readonly ConditionalWeakTable<UnlabelledBeats, ClassProbabilities> _scored = new();

    /// <summary>The model lent.</summary>
    public IBeatClassifier Model { get; } = model;

    /// <inheritdoc />
    public string Name => Model.Name;

    /// <inheritdoc />
    public ModelCard Card => Model.Card;

    /// <inheritdoc />
    public ClassProbabilities Predict(UnlabelledBeats beats) => _scored.GetValue(beats, Model.Predict);

    /// <summary>Records probabilities computed elsewhere (e.g. a saved evaluation), so that they are not computed again.</summary>
    public void Remember(UnlabelledBeats beats, ClassProbabilities probabilities) => _scored.AddOrUpdate(beats, probabilities);

    /// <inheritdoc />
    public void Save(string folder, IReadOnlyDictionary<string, string>? memberFolders = null) => Model.Save(folder, memberFolders);

    /// <summary>Does nothing: the model belongs to whoever lent it.</summary>
    public void Dispose()
    {
    }
}
