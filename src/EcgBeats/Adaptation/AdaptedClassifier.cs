using System.Globalization;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Io;
using EcgBeats.Models;

namespace EcgBeats.Adaptation;

/// <summary>Where a patient model's labels came from.</summary>
/// <param name="Record">The record (its name).</param>
/// <param name="Annotator">The annotation file's extension the labels were read from (e.g. <c>atr</c>, or an analyst's).</param>
/// <param name="FromSeconds">Start of the labelled span, s.</param>
/// <param name="UntilSeconds">End of the labelled span, s.</param>
public sealed record LabelledSpan(string Record, string Annotator, double FromSeconds, double UntilSeconds)
{
    /// <summary>As text for a card, e.g. <c>100 (atr) 0:00-5:00</c>.</summary>
    public override string ToString() => $"{Record} ({Annotator}) {Clock(FromSeconds)}-{Clock(UntilSeconds)}";

    private static string Clock(double seconds) =>
        $"{(int)(seconds / 60)}:{(seconds % 60).ToString("00.###", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A patient model (<see cref="PatientAdaptation"/>): a base model trained on other patients and this patient's local
/// discriminants, their probabilities mixed. It reads the beats its base model reads. Saved as a folder whose card names
/// the base model's folder (relative path, like an ensemble's members), the labelled span and the method, beside
/// <c>local.json</c>; it owns its base model: disposing it disposes the base. When the labelled beats taught nothing the
/// base model does not know (fewer than two classes with enough beats) it has no discriminants and classifies as its base
/// model does; its card says so (the stated fallback of <see cref="RecordAdaptation"/>).
/// </summary>
public sealed class AdaptedClassifier : IBeatClassifier
{
    /// <summary>The model name cards carry.</summary>
    public const string ModelName = "adapted";

    /// <summary>The framework cards carry.</summary>
    public const string Framework = "EcgBeats.Adaptation";

    /// <summary>The local discriminants' file in the folder.</summary>
    public const string LocalFile = "local.json";

    /// <summary>The card's <c>modelledClasses</c> when the labelled beats taught nothing: the base model classifies alone.</summary>
    public const string NothingLearnt = "none (too few labelled classes: the base model classifies alone)";

    /// <summary>Wraps <paramref name="baseModel"/> (opened from <paramref name="baseFolder"/>) with <paramref name="local"/> (null: nothing learnt, the base model alone).</summary>
    /// <exception cref="InvalidInputException">The local discriminants read another number of values than the base model's beats hold.</exception>
    public AdaptedClassifier(IBeatClassifier baseModel, string baseFolder, LocalDiscriminant? local, double localWeight, ModelCard card)
    {
        if (local is not null && local.ValuesPerBeat != baseModel.Card.Representation.Layout.ValuesPerBeat)
            throw new InvalidInputException($"the patient's discriminants read {local.ValuesPerBeat} values per beat, but base model '{baseModel.Name}' reads {baseModel.Card.Representation.Layout.ValuesPerBeat}");
        Base = baseModel;
        BaseFolder = Path.GetFullPath(baseFolder);
        Local = local;
        LocalWeight = localWeight;
        Card = card;
    }

    /// <summary>The base model.</summary>
    public IBeatClassifier Base { get; }

    /// <summary>The base model's folder (full path).</summary>
    public string BaseFolder { get; }

    /// <summary>The patient's discriminants; null when the labelled beats taught nothing (the base model classifies alone).</summary>
    public LocalDiscriminant? Local { get; }

    /// <summary>The local discriminants' share of the classes they model (<see cref="AdaptationSettings.LocalWeight"/>; the card records the rest of the settings).</summary>
    public double LocalWeight { get; }

    /// <inheritdoc />
    public string Name => Card.Model;

    /// <inheritdoc />
    public ModelCard Card { get; }

    /// <inheritdoc />
    public ClassProbabilities Predict(UnlabelledBeats beats)
    {
        Card.CheckInput(beats, "beats");
        var global = Base.Predict(beats);
        return Local is null ? global : PatientAdaptation.Combine(global, beats, Local, LocalWeight);
    }

    /// <inheritdoc />
    /// <remarks>The base model stays in its folder; the card names it relative to <paramref name="folder"/>.</remarks>
    public void Save(string folder, IReadOnlyDictionary<string, string>? memberFolders = null)
    {
        Directory.CreateDirectory(folder);
        string relative = Path.GetRelativePath(Path.GetFullPath(folder), BaseFolder);
        var files = new Dictionary<string, string> { ["base"] = relative };
        if (Local is not null)
        {
            JsonFile.Write(Path.Combine(folder, LocalFile), Local.ToFile());
            files["local"] = LocalFile;
        }
        (Card with { Files = files }).Write(folder);
    }

    /// <inheritdoc />
    public void Dispose() => Base.Dispose();

    /// <summary>The card of a new patient model.</summary>
    internal static ModelCard Describe(IBeatClassifier baseModel, string baseFolder, LabelledSpan span, int[] labelledCounts, LocalDiscriminant? local, AdaptationSettings settings) => new()
    {
        Model = ModelName,
        Framework = Framework,
        Hyperparameters = new Dictionary<string, string>
        {
            ["method"] = "de Chazal & Reilly 2006: linear discriminants on the patient's labelled beats, mixed with the base model's probabilities",
            ["settings"] = settings.ToString(),
            ["record"] = span.Record,
            ["labelled"] = span.ToString(),
            ["labelledBeats"] = string.Join(", ", AamiMapping.Classes.Select((c, i) => $"{c} {labelledCounts[i]}")),
            ["modelledClasses"] = local is null ? NothingLearnt : string.Join(" ", local.Classes.Select(c => AamiMapping.Classes[c])),
            ["base"] = $"{baseModel.Name} ({Path.GetFullPath(baseFolder)})",
            ["localWeight"] = settings.LocalWeight.ToString(CultureInfo.InvariantCulture),
        },
        Representation = baseModel.Card.Representation,
        Classes = baseModel.Card.Classes,
        TrainingData = baseModel.Card.TrainingData,
        Seed = baseModel.Card.Seed,
        Versions = new Dictionary<string, string> { ["EcgBeats"] = typeof(AdaptedClassifier).Assembly.GetName().Version?.ToString(3) ?? "?" },
    };
}

/// <summary>
/// Opens saved patient models (<see cref="AdaptedClassifier"/>): give it to the registry with the families of the base
/// models, e.g. <c>new ModelRegistry(TorchModels.Family, ClassicalModels.Family, AdaptationFamily.Instance)</c>.
/// </summary>
public sealed class AdaptationFamily : IModelFamily
{
    /// <summary>The one instance.</summary>
    public static AdaptationFamily Instance { get; } = new();

    private AdaptationFamily() { }

    /// <inheritdoc />
    public string Name => "adapted";

    /// <inheritdoc />
    public string Framework => AdaptedClassifier.Framework;

    /// <inheritdoc />
    /// <remarks>None: a patient model is made from a base model and labelled beats (<see cref="PatientAdaptation.Adapt"/>), not trained from a dataset.</remarks>
    public IReadOnlyList<ModelKind> Kinds { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<string> ModelNames { get; } = [AdaptedClassifier.ModelName];

    /// <inheritdoc />
    public IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening)
    {
        string cardPath = Path.Combine(folder, ModelCard.FileName);
        if (!card.Files.TryGetValue("base", out string? relative))
            throw new InvalidInputException($"{cardPath}: a patient model without field 'files.base' (its base model's folder)");
        string baseFolder = Path.GetFullPath(Path.Combine(folder, relative));
        if (!Directory.Exists(baseFolder)) throw new InvalidInputException($"{cardPath}: its base model is not at {baseFolder}");
        // A card without 'files.local' is a patient model whose labelled beats taught nothing (the base model alone).
        LocalDiscriminant? local = null;
        if (card.Files.TryGetValue("local", out string? localName))
        {
            if (localName.Length == 0 || Path.GetFileName(localName) != localName || localName is "." or "..")
                throw new InvalidInputException($"{cardPath}: field 'files.local' must name a file in the model's folder, not {Quote.Short(localName)}");
            string localPath = Path.Combine(folder, localName);
            if (!File.Exists(localPath)) throw new InvalidInputException($"{localPath}: missing (the patient's discriminants)");
            local = LocalDiscriminant.FromFile(JsonFile.Read<LocalDiscriminantFile>(localPath, "a patient model's discriminants"), localPath);
        }
        double weight = card.Hyperparameters.TryGetValue("localWeight", out string? w) && double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v is >= 0 and <= 1
            ? v : throw new InvalidInputException($"{cardPath}: field 'hyperparameters.localWeight' must be a number from 0 to 1");
        var baseModel = opening.OpenMember(baseFolder);
        try
        {
            if (card.Representation.DifferenceFrom(baseModel.Card.Representation) is { } difference)
                throw new InvalidInputException($"{cardPath}: the patient model's representation is not its base model's ({difference})");
            return new AdaptedClassifier(baseModel, baseFolder, local, weight, card);
        }
        catch
        {
            baseModel.Dispose();
            throw;
        }
    }
}
