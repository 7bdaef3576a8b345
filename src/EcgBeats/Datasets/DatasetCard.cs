using EcgBeats.Beats;
using EcgBeats.Data;
using EcgBeats.Io;

namespace EcgBeats.Datasets;

/// <summary>A source file and its SHA-256.</summary>
public sealed record SourceFile(string Name, string Sha256);

/// <summary>Beats per class on one side of a split.</summary>
public sealed record ClassCounts(int N, int S, int V, int F, int Q)
{
    /// <summary>All beats.</summary>
    public int Total => N + S + V + F + Q;

    /// <summary>From per-label counts (N, S, V, F, Q).</summary>
    public static ClassCounts From(int[] counts) => new(counts[0], counts[1], counts[2], counts[3], counts[4]);
}

/// <summary>
/// <c>dataset.json</c>: what a built dataset holds and how it was made, so that it can be rebuilt
/// and checked: the recipe, the seed, counts per class and split, and the SHA-256 of every source file.
/// </summary>
public sealed record DatasetCard(
    string Format,
    string CreatedBy,
    string Database,
    string Segmenter,
    string Recipe,
    string Filter,
    int Channel,
    int BeatLength,
    IReadOnlyList<string> Labels,
    string Split,
    string SplitDescription,
    double? TestFraction,
    int Seed,
    IReadOnlyList<string> TrainRecords,
    IReadOnlyList<string> TestRecords,
    ClassCounts TrainCounts,
    ClassCounts TestCounts,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<SourceFile> Sources)
{
    /// <summary>The card format's name and version.</summary>
    public const string FormatName = "ecgbeats-dataset/1";

    /// <summary>The file names written beside the card.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultFiles = new Dictionary<string, string>
    {
        ["train"] = "mitbih_train.csv",
        ["trainProvenance"] = "mitbih_train.provenance.csv",
        ["test"] = "mitbih_test.csv",
        ["testProvenance"] = "mitbih_test.provenance.csv",
    };

    /// <summary>Describes a freshly built dataset (hashes the source files it was made from).</summary>
    public static DatasetCard Describe(string dataDirectory, DatasetRecipe recipe, IReadOnlyList<string> trainRecords,
        IReadOnlyList<string> testRecords, BeatSet train, BeatSet test)
    {
        var sources = trainRecords.Concat(testRecords).Distinct().Order(StringComparer.Ordinal)
            .SelectMany(r => new[] { ".hea", ".dat", ".atr" }.Select(e => r + e))
            .AsParallel().AsOrdered()
            .Select(f => new SourceFile(f, Sha256Sums.OfFile(Path.Combine(dataDirectory, f))))
            .ToList();
        string splitDescription = recipe.Split == SplitKind.Intra
            ? $"intra-patient: stratified random split over beats, {recipe.TestFraction * 100:0.##}% of each class held out (seeded Mersenne Twister)"
            : "inter-patient: de Chazal et al. 2004, train DS1 -> test DS2, paced records 102 104 107 217 excluded";
        return new DatasetCard(
            FormatName,
            $"EcgBeats {typeof(DatasetCard).Assembly.GetName().Version?.ToString(3)}",
            "MIT-BIH Arrhythmia Database 1.0.0 (PhysioNet)",
            recipe.Segmenter.Name,
            recipe.Segmenter.Recipe,
            recipe.Filter.Describe(),
            recipe.Channel,
            recipe.Segmenter.BeatLength,
            AamiMapping.Classes.Select(c => c.ToString()).ToList(),
            recipe.Split.ToString().ToLowerInvariant(),
            splitDescription,
            recipe.Split == SplitKind.Intra ? recipe.TestFraction : null,
            recipe.Seed,
            trainRecords,
            testRecords,
            ClassCounts.From(train.ClassCounts()),
            ClassCounts.From(test.ClassCounts()),
            DefaultFiles,
            sources);
    }

    /// <summary>The card as indented JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, JsonFile.Options);

    /// <summary>Reads a card.</summary>
    /// <exception cref="InvalidInputException">The file is not a dataset card.</exception>
    public static DatasetCard Read(string path)
    {
        var card = JsonFile.Read<DatasetCard>(path, "an EcgBeats dataset card");
        if (card.Format != FormatName)
            throw new InvalidInputException($"{path}: not an EcgBeats dataset card (expected format '{FormatName}')");
        return card;
    }
}

/// <summary>Writes a built dataset: the two Kaggle-layout CSVs, their provenance sidecars and the card, each atomically.</summary>
public static class DatasetWriter
{
    /// <summary>Writes every file of <paramref name="dataset"/> into <paramref name="folder"/>.</summary>
    public static void Write(string folder, BuiltDataset dataset)
    {
        Directory.CreateDirectory(folder);
        var files = dataset.Card.Files;
        KaggleCsv.Write(Path.Combine(folder, files["train"]), dataset.Train);
        ProvenanceCsv.Write(Path.Combine(folder, files["trainProvenance"]), dataset.Train);
        KaggleCsv.Write(Path.Combine(folder, files["test"]), dataset.Test);
        ProvenanceCsv.Write(Path.Combine(folder, files["testProvenance"]), dataset.Test);
        // The card goes last: its presence says the dataset is complete.
        AtomicFile.WriteAllText(Path.Combine(folder, "dataset.json"), dataset.Card.ToJson());
    }
}
