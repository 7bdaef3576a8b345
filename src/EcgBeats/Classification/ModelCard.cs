using EcgBeats.Datasets;
using EcgBeats.Io;

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
/// <c>model.json</c>, written beside every saved model: what it is, what it expects, how it was
/// trained and how well it did on validation, so that a model can be checked before it is used.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The card format's name and version.</summary>
    public const string FormatName = "ecgbeats-model/1";

    /// <summary>The card format.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Model kind, e.g. <c>cnn</c>, <c>rf</c>, <c>ensemble-weighted</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Which library runs it, e.g. <c>TorchSharp</c>, <c>ML.NET</c>.</summary>
    public required string Framework { get; init; }

    /// <summary>Architecture and hyper-parameters, as text.</summary>
    public required IReadOnlyDictionary<string, string> Hyperparameters { get; init; }

    /// <summary>Number of trainable parameters, when it has such.</summary>
    public long? Parameters { get; init; }

    /// <summary>Values per beat the model expects.</summary>
    public int BeatLength { get; init; } = KaggleCsv.BeatLength;

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> Classes { get; init; } = Beats.AamiMapping.Classes.Select(c => c.ToString()).ToList();

    /// <summary>What was done to beats before the model saw them.</summary>
    public string Preprocessing { get; init; } = "beats as given (Kaggle layout: 187 values in [0,1])";

    /// <summary>The training data: file, SHA-256, beats per class.</summary>
    public TrainingData? TrainingData { get; init; }

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

    /// <summary>Files beside the card that hold the model, by role (e.g. weights -> model.pt).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>Ensembles: members and their weights.</summary>
    public IReadOnlyDictionary<string, double>? MemberWeights { get; init; }

    /// <summary>When it was made (UTC).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The card's file name in a model folder.</summary>
    public const string FileName = "model.json";

    /// <summary>Writes the card into <paramref name="folder"/>, atomically.</summary>
    public void Write(string folder) => JsonFile.Write(Path.Combine(folder, FileName), this);

    /// <summary>Reads the card of a model folder.</summary>
    /// <exception cref="InvalidInputException">No card, or not a model card.</exception>
    public static ModelCard Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new InvalidInputException($"{folder}: not a model folder (no {FileName}); train one with 'ecgbeats train'");
        var card = JsonFile.Read<ModelCard>(path, "an EcgBeats model card");
        if (card.Format != FormatName)
            throw new InvalidInputException($"{path}: not an EcgBeats model card (expected format '{FormatName}')");
        return card;
    }

    /// <summary>Checks that beats fit the model: the right length and no label beyond its classes.</summary>
    /// <exception cref="InvalidInputException">They do not.</exception>
    public void CheckInput(BeatSet beats, string source)
    {
        if (beats.BeatLength != BeatLength)
            throw new InvalidInputException($"{source}: beats have {beats.BeatLength} values, but model '{Model}' expects {BeatLength}");
        int maxLabel = beats.Count == 0 ? 0 : beats.Labels.Max();
        if (maxLabel >= Classes.Count)
            throw new InvalidInputException($"{source}: label {maxLabel} is beyond the model's {Classes.Count} classes ({string.Join(", ", Classes)})");
    }
}

/// <summary>What a model was trained on.</summary>
/// <param name="File">The training file as given.</param>
/// <param name="Sha256">Its SHA-256, or of the beats when they did not come from a file.</param>
/// <param name="Beats">Beats used for training (after balancing), per class.</param>
/// <param name="ValidationBeats">Beats held out for validation.</param>
/// <param name="Balancing">How classes were balanced.</param>
public sealed record TrainingData(string File, string Sha256, IReadOnlyList<int> Beats, int ValidationBeats, string Balancing);
