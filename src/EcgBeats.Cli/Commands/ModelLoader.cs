using EcgBeats.Classification;
using EcgBeats.MlNet;
using EcgBeats.Torch;

namespace EcgBeats.Cli.Commands;

/// <summary>Opens any saved model folder by what its card says it is: a TorchSharp network, an ML.NET model or an ensemble.</summary>
internal static class ModelLoader
{
    public static IBeatClassifier Load(string folder, string device = "cpu")
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such model folder");
        var card = ModelCard.Read(folder);
        return card.Framework switch
        {
            "TorchSharp" => TorchBeatClassifier.Load(folder, device),
            "ML.NET" => ClassicalBeatClassifier.Load(folder),
            "EcgBeats" => EnsembleStore.Load(folder, card, member => Load(member, device)),
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
