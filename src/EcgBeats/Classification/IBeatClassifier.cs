using EcgBeats.Beats;

namespace EcgBeats.Classification;

/// <summary>
/// What every model and ensemble is to the rest of EcgBeats: beats in, class probabilities out.
/// Evaluation, ensembles, the record annotator and the report treat all of them alike through this.
/// Disposing a classifier frees what it holds (native tensors; an ensemble's members).
/// </summary>
public interface IBeatClassifier : IDisposable
{
    /// <summary>A short name, e.g. <c>cnn</c> or <c>rf</c>.</summary>
    string Name { get; }

    /// <summary>What the model is, which beats it expects and how it was trained.</summary>
    ModelCard Card { get; }

    /// <summary>
    /// Class probabilities for each beat (rows sum to 1). Needs no labels.
    /// </summary>
    /// <param name="beats">Beats made with the card's representation (<see cref="ModelCard.CheckInput(UnlabelledBeats, string)"/>).</param>
    /// <exception cref="InvalidInputException">The beats do not match the card.</exception>
    ClassProbabilities Predict(UnlabelledBeats beats);

    /// <summary>
    /// Writes the model into <paramref name="folder"/>: its card (<c>model.json</c>) and its files, each atomically, and
    /// removes any training checkpoint there. Training is in memory; saving is this separate step.
    /// </summary>
    /// <param name="folder">The model folder (made when missing).</param>
    /// <param name="memberFolders">An ensemble's members' folders, by member name (the card refers to them); others ignore it.</param>
    /// <exception cref="InvalidOperationException">The model cannot be saved (e.g. an ensemble whose member has no folder).</exception>
    void Save(string folder, IReadOnlyDictionary<string, string>? memberFolders = null) =>
        throw new InvalidOperationException($"a {GetType().Name} ({Name}) cannot be saved");
}
