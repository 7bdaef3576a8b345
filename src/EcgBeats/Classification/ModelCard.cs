using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Representations;

namespace EcgBeats.Classification;

/// <summary>One epoch of training, for the training-curve plot.</summary>
/// <param name="Epoch">From 1.</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="TrainAccuracy">Accuracy on the training batches.</param>
/// <param name="ValidationLoss">Loss on the validation split.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split.</param>
/// <param name="ValidationMacroF1">Macro-averaged F1 on the validation split (early stopping watches it).</param>
/// <param name="LearningRate">Learning rate at the epoch's end.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy,
    double ValidationMacroF1, double LearningRate, double Seconds);

/// <summary>
/// <c>model.json</c>, written beside every saved model: what it is, which beats it expects (the full
/// representation recipe), how it was trained and how well it did on validation, so that a model can be
/// checked before it is used and is never fed beats cut another way.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The card format's name and version.</summary>
    public const string FormatName = "ecgbeats-model/2";

    /// <summary>The card's file name in a model folder.</summary>
    public const string FileName = "model.json";

    /// <summary>The card format.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Model kind, e.g. <c>cnn</c>, <c>rf</c>, <c>ensemble-weighted</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The version of the kind's code (architecture, training) that made it.</summary>
    public int ModelVersion { get; init; } = 1;

    /// <summary>Which library runs it, e.g. <c>TorchSharp</c>, <c>ML.NET</c>; the model registry opens it by this.</summary>
    public required string Framework { get; init; }

    /// <summary>What the model is, in words (architecture, method, validation), beyond its <see cref="Options"/>.</summary>
    public required IReadOnlyDictionary<string, string> Hyperparameters { get; init; }

    /// <summary>Every training option its kind takes, with the value it was trained with, by the option's declared name (<c>Models.ModelOption</c>).</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    /// <summary>How the beats it was trained on were cut and scaled; every beat it is given must be made the same way.</summary>
    public required RepresentationRecipe Representation { get; init; }

    /// <summary>Number of trainable parameters, when it has such.</summary>
    public long? Parameters { get; init; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> Classes { get; init; } = AamiMapping.Classes.Select(c => c.ToString()).ToList();

    /// <summary>The training data: file, SHA-256, beats per class, validation split.</summary>
    public TrainingData? TrainingData { get; init; }

    /// <summary>
    /// Where the model comes from, beyond its training data, when that needs saying (e.g. <c>trainedOn</c>,
    /// <c>heldOutPatients</c>, <c>recipe</c>, <c>standsFor</c> on a model trained on every MIT-BIH patient, issue #27).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Provenance { get; init; }

    /// <summary>This card with <paramref name="provenance"/> added to its <see cref="Provenance"/>.</summary>
    public ModelCard With(IReadOnlyDictionary<string, string> provenance) => this with
    {
        Provenance = (Provenance ?? new Dictionary<string, string>()).Concat(provenance).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
    };

    /// <summary>Epochs run (deep models).</summary>
    public int? Epochs { get; init; }

    /// <summary>The epoch whose weights were kept (best validation macro-F1).</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Per-epoch history (deep models).</summary>
    public IReadOnlyList<EpochRecord>? History { get; init; }

    /// <summary>Metrics on the validation split of the kept model.</summary>
    public IReadOnlyDictionary<string, double>? Validation { get; init; }

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; }

    /// <summary>Threads the model was trained with (results depend on it).</summary>
    public int? Threads { get; init; }

    /// <summary>Device trained on, e.g. <c>cpu</c>.</summary>
    public string? Device { get; init; }

    /// <summary>Wall time of training, seconds.</summary>
    public double? TrainingSeconds { get; init; }

    /// <summary>Library versions, e.g. EcgBeats, TorchSharp, .NET.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    /// <summary>Files beside the card that hold the model, by role (e.g. weights -> model.pt; an ensemble's member:NAME -> its folder).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// SHA-256 (lower-case hex) of each file beside the card that <see cref="Files"/> names, by file name: recorded when the
    /// card is written (after the files), checked when the model is opened (<see cref="CheckFiles"/>), so weights changed,
    /// damaged or swapped for another model's are refused by name. Null on cards written before it was recorded.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Sha256 { get; init; }

    /// <summary>Ensembles: members and their weights.</summary>
    public IReadOnlyDictionary<string, double>? MemberWeights { get; init; }

    /// <summary>When it was made (UTC).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Values per beat the model expects.</summary>
    public int ValuesPerBeat => Representation.Layout.ValuesPerBeat;

    /// <summary>Writes the card into <paramref name="folder"/>, atomically, with the SHA-256 of each file it names there (write those first).</summary>
    public void Write(string folder)
    {
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in Files.Values.Where(IsPlainName).Distinct())
            if (File.Exists(Path.Combine(folder, file))) sums[file] = PhysioNet.Sha256Sums.OfFile(Path.Combine(folder, file));
        JsonFile.Write(Path.Combine(folder, FileName), this with { Sha256 = sums.Count == 0 ? null : sums });
    }

    /// <summary>Checks the files <see cref="Sha256"/> records against what <paramref name="folder"/> holds now.</summary>
    /// <exception cref="InvalidInputException">A file missing, or its digest not the recorded one (the file named).</exception>
    public void CheckFiles(string folder)
    {
        foreach (var (file, expected) in Sha256 ?? new Dictionary<string, string>())
        {
            string cardPath = Path.Combine(folder, FileName);
            if (!IsPlainName(file)) throw new InvalidInputException($"{cardPath}: field 'sha256' names {Io.Quote.Short(file)}, not a file beside the card");
            string path = Path.Combine(folder, file);
            if (!File.Exists(path)) throw new InvalidInputException($"{path}: missing (the card records its SHA-256)");
            string actual = PhysioNet.Sha256Sums.OfFile(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"{path}: its SHA-256 is {actual}, but {cardPath} records {Io.Quote.Short(expected)}: the file was changed, damaged or swapped after the model was saved");
        }
    }

    /// <summary>A file name alone, no folder: only such files are hashed and checked.</summary>
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.IndexOfAny(['/', '\\']) < 0 && Path.GetFileName(name) == name;

    /// <summary>Reads and checks the card of a model folder.</summary>
    /// <exception cref="InvalidInputException">No card, not a model card of this format, or a field out of range (named).</exception>
    public static ModelCard Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new InvalidInputException($"{folder}: not a model folder (no {FileName}); train one with 'ecgbeats train'");
        var card = JsonFile.Read<ModelCard>(path, "an EcgBeats model card");
        if (card.Format != FormatName)
            throw new InvalidInputException(card.Format == "ecgbeats-model/1"
                ? $"{path}: a model card of EcgBeats 0.1 (format 'ecgbeats-model/1'), which does not record how its beats were cut; retrain the model with this version"
                : $"{path}: not an EcgBeats model card (format '{Io.Quote.Short(card.Format ?? "")}'; expected '{FormatName}')");
        card.Check(path);
        return card;
    }

    /// <summary>Refuses a card whose fields cannot describe a usable model (a hand-edited or damaged file).</summary>
    private void Check(string path)
    {
        void Require(bool ok, string field, string expected)
        {
            if (!ok) throw new InvalidInputException($"{path}: field '{field}' {expected}");
        }
        Require(!string.IsNullOrWhiteSpace(Model), "model", "is missing");
        Require(!string.IsNullOrWhiteSpace(Framework), "framework", "is missing");
        Require(Hyperparameters is not null, "hyperparameters", "is missing");
        Require(Representation is not null, "representation", "is missing");
        var layout = Representation!.Layout;
        Require(layout is not null && (object?)layout.Leads is not null && (object?)layout.Features is not null, "representation.layout", "is missing or incomplete");
        Require(layout!.SamplesPerLead is > 0 and <= 1_000_000, "representation.layout.samplesPerLead", $"is {layout.SamplesPerLead}; expected 1 to 1,000,000");
        Require(layout!.Leads!.Count is > 0 and <= 64, "representation.layout.leads", $"holds {layout.Leads!.Count} leads; expected 1 to 64");
        Require(layout!.SamplingRateHz > 0 && double.IsFinite(layout.SamplingRateHz), "representation.layout.samplingRateHz", "must be a positive number");
        var aami = AamiMapping.Classes.Select(c => c.ToString()).ToList();
        Require(Classes is not null && Classes.SequenceEqual(aami), "classes", $"must be [{string.Join(", ", aami)}] (got {(Classes is null ? "null" : Io.Quote.Short("[" + string.Join(", ", Classes) + "]"))})");
        Require(Files is not null, "files", "is missing");
    }

    /// <summary>Checks that beats are what the model expects: as many values per beat and, when the beats say how they were made, the same representation.</summary>
    /// <exception cref="InvalidInputException">They are not; the message names both recipes.</exception>
    public void CheckInput(UnlabelledBeats beats, string source)
    {
        if (beats.ValuesPerBeat != ValuesPerBeat)
            throw new InvalidInputException($"{source}: beats of {beats.ValuesPerBeat} values{(beats.Recipe is { } r ? $" ({r.Describe()})" : "")}, but model '{Model}' expects {ValuesPerBeat} ({Representation.Describe()})");
        if (beats.Recipe is { } recipe && Representation.DifferenceFrom(recipe) is { } difference)
            throw new InvalidInputException(
                $"{source}: the beats were cut as '{recipe.Describe()}', but model '{Model}' was trained on beats cut as '{Representation.Describe()}' ({difference}); " +
                "cut the input the model's way (e.g. build-dataset with the model's representation and filter)");
    }

    /// <summary>Checks labelled beats: <see cref="CheckInput(UnlabelledBeats, string)"/>, and no label beyond the model's classes.</summary>
    /// <exception cref="InvalidInputException">They do not fit.</exception>
    public void CheckInput(LabelledBeats beats, string source)
    {
        CheckInput(beats.Unlabelled, source);
        int maxLabel = beats.Count == 0 ? 0 : beats.Labels.Max();
        if (maxLabel >= Classes.Count)
            throw new InvalidInputException($"{source}: label {maxLabel} is beyond the model's {Classes.Count} classes ({string.Join(", ", Classes)})");
    }
}

/// <summary>What a model was trained on.</summary>
/// <param name="File">The training file as given.</param>
/// <param name="Sha256">The SHA-256 of its beats and labels (<see cref="LabelledBeats.Fingerprint"/>).</param>
/// <param name="Beats">Beats used for training (after balancing), per class.</param>
/// <param name="ValidationBeats">Beats held out for validation.</param>
/// <param name="ValidationSplit">How they were held out (<see cref="Datasets.ValidationSplit.Description"/>).</param>
/// <param name="ValidationFingerprint">Which beats were held out (<see cref="Datasets.ValidationSplit.Fingerprint"/>): an ensemble's members must agree on it.</param>
/// <param name="Balancing">How classes were balanced.</param>
public sealed record TrainingData(string File, string Sha256, IReadOnlyList<int> Beats, int ValidationBeats, string ValidationSplit,
    string ValidationFingerprint, string Balancing)
{
    /// <summary>Describes a training run on <paramref name="split"/>'s data.</summary>
    public static TrainingData Of(ValidationSplit split, string file, IReadOnlyList<int> trainedBeats, string balancing) =>
        new(file, split.Data.Fingerprint(), trainedBeats, split.ValidationIndices.Length, split.Description, split.Fingerprint, balancing);
}
