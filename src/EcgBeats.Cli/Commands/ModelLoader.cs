using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.MlNet;
using EcgBeats.Torch;

namespace EcgBeats.Cli.Commands;

/// <summary>Opens any saved model folder by what its card says it is: a TorchSharp network, an ML.NET model or an ensemble.</summary>
internal static class ModelLoader
{
    /// <summary>Opens a model folder; an ensemble's members come from <paramref name="loadMember"/> when given (a run reuses their scores).</summary>
    public static IBeatClassifier Load(string folder, string device = "cpu", Func<string, IBeatClassifier>? loadMember = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such model folder");
        var card = ModelCard.Read(folder);
        return card.Framework switch
        {
            "TorchSharp" => TorchBeatClassifier.Load(folder, device),
            "ML.NET" => ClassicalBeatClassifier.Load(folder),
            "EcgBeats" => EnsembleStore.Load(folder, card, loadMember ?? (member => Load(member, device))),
            _ => throw new InvalidInputException($"{Path.Combine(folder, ModelCard.FileName)}: models of framework '{card.Framework}' cannot be loaded by this version"),
        };
    }

    public static void Dispose(IBeatClassifier classifier)
    {
        if (classifier is IDisposable disposable) disposable.Dispose();
        if (classifier is WeightedAverageEnsemble weighted) foreach (var m in weighted.Members) Dispose(m);
        if (classifier is VotingEnsemble voting) foreach (var m in voting.Members) Dispose(m);
    }
}

/// <summary>
/// A model whose probabilities on one beat set are known already: answers from them for that set, and
/// loads the model only for other beats. A run scores every member on the test set before its ensembles,
/// so evaluating an ensemble does not score its members again.
/// </summary>
internal sealed class ScoredClassifier(string folder, BeatSet scored, ClassProbabilities probabilities, ModelCard card) : IBeatClassifier, IDisposable
{
    private IBeatClassifier? _model;

    public string Name => card.Model;

    public ModelCard Card => card;

    public ClassProbabilities Predict(BeatSet beats) =>
        ReferenceEquals(beats, scored) ? probabilities : (_model ??= ModelLoader.Load(folder)).Predict(beats);

    public void Dispose()
    {
        if (_model is not null) ModelLoader.Dispose(_model);
        _model = null;
    }
}
