using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>
/// A family of models that one library runs (the TorchSharp networks, the ML.NET models, the ensembles): its kinds, and
/// how to open a saved model of the family. A <see cref="ModelRegistry"/> finds the family by the card's framework.
/// </summary>
public interface IModelFamily
{
    /// <summary>The family's name: <c>deep</c>, <c>classical</c>, <c>ensemble</c>.</summary>
    string Name { get; }

    /// <summary>The <see cref="ModelCard.Framework"/> its cards carry, e.g. <c>TorchSharp</c>.</summary>
    string Framework { get; }

    /// <summary>Its kinds, in the order help texts and reports list them.</summary>
    IReadOnlyList<ModelKind> Kinds { get; }

    /// <summary>The model names its cards may carry: its kinds' names, unless the family saves models no kind trains.</summary>
    IReadOnlyList<string> ModelNames => Kinds.Select(k => k.Name).ToList();

    /// <summary>Opens a saved model of this family.</summary>
    /// <param name="folder">The model folder (full path).</param>
    /// <param name="card">Its card, already read and checked.</param>
    /// <param name="opening">The device, and how to open other models (an ensemble's members).</param>
    /// <exception cref="InvalidInputException">A file of the model is missing or corrupt.</exception>
    IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening);
}
