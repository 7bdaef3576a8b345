using EcgBeats.Classification;
using EcgBeats.Models;
using EcgBeats.Torch.Architectures;

namespace EcgBeats.Torch;

/// <summary>The deep models as a <see cref="ModelRegistry"/> family: <c>new ModelRegistry(TorchModels.Family, ...)</c>.</summary>
public static class TorchModels
{
    /// <summary>The framework deep model cards name.</summary>
    public const string Framework = "TorchSharp";

    /// <summary>The family: the <see cref="Networks"/>, opened with <see cref="TorchBeatClassifier.Load(string, string)"/>.</summary>
    public static IModelFamily Family { get; } = new TorchFamily();

    private sealed class TorchFamily : IModelFamily
    {
        public string Name => NetworkDefinition.FamilyName;
        public string Framework => TorchModels.Framework;
        public IReadOnlyList<ModelKind> Kinds => Networks.All;
        public IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening) => TorchBeatClassifier.Load(folder, card, opening.Device);
    }
}
