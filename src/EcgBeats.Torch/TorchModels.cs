using EcgBeats.Classification;
using EcgBeats.Models;
using EcgBeats.Torch.Runtime;
using EcgBeats.Torch.Training;
using static TorchSharp.torch;

namespace EcgBeats.Torch;

/// <summary>The deep models as a <see cref="ModelRegistry"/> family: <c>new ModelRegistry(TorchModels.Family, ...)</c>.</summary>
public static class TorchModels
{
    /// <summary>The framework deep model cards name.</summary>
    public const string Framework = "TorchSharp";

    /// <summary>The family: the <see cref="Networks"/>, opened with <see cref="Load(string, ModelCard, string)"/>.</summary>
    public static IModelFamily Family { get; } = new TorchFamily();

    /// <summary>Loads a deep model folder (card and weights).</summary>
    /// <param name="folder">A folder a trained network was saved into.</param>
    /// <param name="device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    /// <exception cref="InvalidInputException">No card, an unknown architecture, or missing or corrupt weights.</exception>
    public static TorchBeatClassifier Load(string folder, string device = "cpu") => Load(folder, ModelCard.Read(folder), device);

    /// <summary>Loads the weights of a deep model folder whose card is already read.</summary>
    /// <exception cref="InvalidInputException">An unknown architecture or another version of it, or missing or corrupt weights.</exception>
    public static TorchBeatClassifier Load(string folder, ModelCard card, string device)
    {
        var definition = Networks.Find(card.Model)
            ?? throw new InvalidInputException($"{folder}: model '{card.Model}' is not a TorchSharp network (expected {string.Join(", ", Networks.All)})");
        // Another version of the architecture has other layers: say so, rather than fail on the weights.
        if (card.ModelVersion != definition.Version)
            throw new InvalidInputException($"{Path.Combine(folder, ModelCard.FileName)}: this {card.Model} is version {card.ModelVersion} of the architecture, " +
                                            $"and this EcgBeats builds version {definition.Version} (docs/models.md says what changed); train it again");
        return TorchBeatClassifier.Load(folder, card, definition.Create(card.Representation.Layout, card.Classes.Count, NetworkDefinition.InputsOf(card)), device);
    }

    private sealed class TorchFamily : IModelFamily
    {
        public string Name => NetworkDefinition.FamilyName;
        public string Framework => TorchModels.Framework;
        public IReadOnlyList<ModelKind> Kinds => Networks.All;
        public IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening) => Load(folder, card, opening.Device);
    }
}
