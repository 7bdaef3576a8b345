using EcgBeats.Beats;
using EcgBeats.PhysioNet;
using EcgBeats.Io;
using EcgBeats.Representations;

namespace EcgBeats.Datasets;

/// <summary>A source file and its SHA-256.</summary>
public sealed record SourceFile(string Name, string Sha256);

/// <summary>A file of a built dataset: its role (<c>train</c>, <c>test</c>, <c>trainProvenance</c>, ...), name beside the card, and SHA-256.</summary>
public sealed record DatasetFile(string Role, string Name, string Sha256);

/// <summary>Beats per class on one side of a split.</summary>
public sealed record ClassCounts(int N, int S, int V, int F, int Q)
{
    /// <summary>All beats.</summary>
    public int Total => N + S + V + F + Q;

    /// <summary>From per-label counts (N, S, V, F, Q).</summary>
    public static ClassCounts From(int[] counts) => new(counts[0], counts[1], counts[2], counts[3], counts[4]);
}

/// <summary>
/// <c>dataset.json</c>: what a built dataset holds and how it was made, so that it can be rebuilt and
/// checked: the representation's full recipe, the split and seed, counts per class and side, the SHA-256
/// of every file written and of every source file.
/// </summary>
/// <param name="Format">The card format (<see cref="FormatName"/>).</param>
/// <param name="CreatedBy">EcgBeats and its version.</param>
/// <param name="Database">The source database.</param>
/// <param name="Representation">How every beat was cut and scaled.</param>
/// <param name="BuilderVersion">The dataset builder's version (<see cref="DatasetRecipe.BuilderVersion"/>).</param>
/// <param name="Labels">Class names in label order.</param>
/// <param name="Split"><c>intra</c> or <c>inter</c>.</param>
/// <param name="SplitDescription">The split in words.</param>
/// <param name="TestFraction">The intra-patient split's test share.</param>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="TrainRecords">Records on the training side.</param>
/// <param name="TestRecords">Records on the test side.</param>
/// <param name="TrainCounts">Training beats per class.</param>
/// <param name="TestCounts">Test beats per class.</param>
/// <param name="LeadNotes">Records whose leads were not found by name, and what stood in for them.</param>
/// <param name="Files">The files written beside the card, with their hashes.</param>
/// <param name="Sources">The source files, with their hashes.</param>
public sealed record DatasetCard(
    string Format,
    string CreatedBy,
    string Database,
    RepresentationRecipe Representation,
    int BuilderVersion,
    IReadOnlyList<string> Labels,
    string Split,
    string SplitDescription,
    double? TestFraction,
    int Seed,
    IReadOnlyList<string> TrainRecords,
    IReadOnlyList<string> TestRecords,
    ClassCounts TrainCounts,
    ClassCounts TestCounts,
    IReadOnlyList<string> LeadNotes,
    IReadOnlyList<DatasetFile> Files,
    IReadOnlyList<SourceFile> Sources)
{
    /// <summary>The card format's name and version.</summary>
    public const string FormatName = "ecgbeats-dataset/2";

    /// <summary>The card's file name in a dataset folder.</summary>
    public const string FileName = "dataset.json";

    /// <summary>The file names a dataset folder of Kaggle-layout beats holds beside the card, by role.</summary>
    public static readonly IReadOnlyDictionary<string, string> KaggleFiles = new Dictionary<string, string>
    {
        ["train"] = "mitbih_train.csv",
        ["trainProvenance"] = "mitbih_train.provenance.csv",
        ["test"] = "mitbih_test.csv",
        ["testProvenance"] = "mitbih_test.provenance.csv",
    };

    /// <summary>The file names a dataset folder of any other layout holds (Parquet, provenance inside), by role.</summary>
    public static readonly IReadOnlyDictionary<string, string> ParquetFiles = new Dictionary<string, string>
    {
        ["train"] = "train.parquet",
        ["test"] = "test.parquet",
    };

    /// <summary>
    /// Whether beats of this recipe are written as Kaggle CSV (187 values, no features: the Kaggle layout anyone's Kaggle
    /// code reads) rather than Parquet.
    /// </summary>
    public static bool InKaggleLayout(RepresentationRecipe recipe) =>
        recipe.Layout.ValuesPerBeat == KaggleCsv.BeatLength && recipe.Layout.Features.Count == 0;

    /// <summary>The name of the file of a role (e.g. <c>train</c>).</summary>
    public string FileFor(string role) =>
        Files.FirstOrDefault(f => f.Role == role)?.Name ?? throw new InvalidInputException($"{FileName}: no '{role}' file listed");

    /// <summary>Describes a freshly built dataset (hashes the source files it was made from); its files are listed once written.</summary>
    public static DatasetCard Describe(string dataDirectory, DatasetRecipe recipe, IReadOnlyList<string> trainRecords,
        IReadOnlyList<string> testRecords, LabelledBeats train, LabelledBeats test, IReadOnlyList<string> leadNotes)
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
            recipe.Representation.Recipe,
            DatasetRecipe.BuilderVersion,
            AamiMapping.Classes.Select(c => c.ToString()).ToList(),
            recipe.Split.ToString().ToLowerInvariant(),
            splitDescription,
            recipe.Split == SplitKind.Intra ? recipe.TestFraction : null,
            recipe.Seed,
            trainRecords,
            testRecords,
            ClassCounts.From(train.ClassCounts()),
            ClassCounts.From(test.ClassCounts()),
            leadNotes,
            [],
            sources);
    }

    /// <summary>The card as indented JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, JsonFile.Options);

    /// <summary>Reads a card.</summary>
    /// <exception cref="InvalidInputException">The file is not a dataset card of this format.</exception>
    public static DatasetCard Read(string path)
    {
        var card = JsonFile.Read<DatasetCard>(path, "an EcgBeats dataset card");
        if (card.Format != FormatName)
            throw new InvalidInputException($"{path}: dataset card format '{card.Format}', but this version of EcgBeats reads '{FormatName}'; rebuild the dataset with 'ecgbeats build-dataset'");
        if (card.Representation is null || card.Files is null || card.Labels is null)
            throw new InvalidInputException($"{path}: not a complete dataset card (no representation, files or labels)");
        return card;
    }
}

/// <summary>
/// Writes a built dataset, each file atomically and the card last: Kaggle-layout beats as the two Kaggle CSVs and their
/// provenance sidecars, any other layout as two Parquet files (<see cref="BeatParquet"/>).
/// </summary>
public static class DatasetWriter
{
    /// <summary>
    /// Writes every file of <paramref name="dataset"/> into <paramref name="folder"/>, the card last; returns the card as
    /// written (with the files' hashes). The files are written into a hidden sibling folder which then replaces
    /// <paramref name="folder"/> as a whole: a failure or a kill leaves the previous dataset as it was, never new files
    /// beside old ones.
    /// </summary>
    /// <exception cref="InvalidInputException"><paramref name="folder"/> holds files that are not a dataset's.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (Ctrl+C) while the files were written: the previous dataset stands, and the unfinished one is removed.</exception>
    public static DatasetCard Write(string folder, BuiltDataset dataset, CancellationToken cancel = default)
    {
        string target = CheckTarget(folder);
        string parent = Path.GetDirectoryName(target)!;
        string building = Path.Combine(parent, $".{Path.GetFileName(target)}.building.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(building);
        try
        {
            var card = WriteFiles(building, dataset, cancel);
            Swap(building, target);
            return card;
        }
        finally
        {
            if (Directory.Exists(building)) Directory.Delete(building, recursive: true);
        }
    }

    /// <summary>
    /// Checks, before any work, that <paramref name="folder"/> can receive a dataset: absent, empty, or holding only a
    /// dataset's files (which the new dataset replaces). Returns its full path.
    /// </summary>
    /// <exception cref="InvalidInputException">It holds other files, which replacing it would lose.</exception>
    /// <exception cref="IOException">It is a file, or its parent cannot be written.</exception>
    public static string CheckTarget(string folder)
    {
        string target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        Recover(target);
        if (File.Exists(target)) throw new IOException($"{target}: is a file, not a folder; name a folder for the dataset");
        OutputFolder.Prepare(Path.GetDirectoryName(target)!);
        if (Directory.Exists(target))
        {
            var ours = DatasetCard.KaggleFiles.Values.Concat(DatasetCard.ParquetFiles.Values).Append(DatasetCard.FileName).ToHashSet();
            var foreign = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName)
                .Where(n => !ours.Contains(n!) && !n!.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
            if (foreign.Count > 0)
                throw new InvalidInputException($"{target}: holds {string.Join(", ", foreign.Take(5).Select(n => Quote.Short(n!)))}{(foreign.Count > 5 ? ", ..." : "")}, " +
                                                "which are not a dataset's files; a new dataset replaces the whole folder, so name an empty or new folder");
        }
        return target;
    }

    private static DatasetCard WriteFiles(string folder, BuiltDataset dataset, CancellationToken cancel)
    {
        var written = new List<DatasetFile>();
        if (DatasetCard.InKaggleLayout(dataset.Card.Representation))
        {
            var files = DatasetCard.KaggleFiles;
            written.Add(new("train", files["train"], KaggleCsv.Write(Path.Combine(folder, files["train"]), dataset.Train, cancel)));
            cancel.ThrowIfCancellationRequested();
            written.Add(new("trainProvenance", files["trainProvenance"], ProvenanceCsv.Write(Path.Combine(folder, files["trainProvenance"]), dataset.Train)));
            cancel.ThrowIfCancellationRequested();
            written.Add(new("test", files["test"], KaggleCsv.Write(Path.Combine(folder, files["test"]), dataset.Test, cancel)));
            cancel.ThrowIfCancellationRequested();
            written.Add(new("testProvenance", files["testProvenance"], ProvenanceCsv.Write(Path.Combine(folder, files["testProvenance"]), dataset.Test)));
        }
        else
        {
            var files = DatasetCard.ParquetFiles;
            written.Add(new("train", files["train"], BeatParquet.Write(Path.Combine(folder, files["train"]), dataset.Train)));
            cancel.ThrowIfCancellationRequested();
            written.Add(new("test", files["test"], BeatParquet.Write(Path.Combine(folder, files["test"]), dataset.Test)));
        }
        cancel.ThrowIfCancellationRequested();
        var card = dataset.Card with { Files = written };
        // The card goes last: its presence says the dataset is complete.
        AtomicFile.WriteAllText(Path.Combine(folder, DatasetCard.FileName), card.ToJson());
        return card;
    }

    /// <summary>
    /// Finishes what a killed <see cref="Write"/> left (#25): when <paramref name="folder"/> is missing but a complete
    /// previous dataset stands aside (<c>.NAME.old.*</c>, killed between the swap's two moves), it goes back in place; and
    /// hidden build folders of processes no longer running (<c>.NAME.building.PID.*</c>, killed mid-build) are removed.
    /// </summary>
    public static void Recover(string folder)
    {
        string target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        string? parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent)) return;
        string name = Path.GetFileName(target);
        foreach (string building in Directory.EnumerateDirectories(parent, $".{name}.building.*").ToList())
            if (Io.LeftBehind.OwnerGone(building)) TryDelete(building);
        if (Directory.Exists(target) || File.Exists(target)) return;
        string? previous = Directory.EnumerateDirectories(parent, $".{name}.old.*")
            .Where(d => File.Exists(Path.Combine(d, DatasetCard.FileName)) && Io.LeftBehind.OwnerGone(d))
            .OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault();
        if (previous is not null) Directory.Move(previous, target);
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Puts the finished folder in place of the old one: the old one moves aside, the new one in, the old one goes.</summary>
    private static void Swap(string finished, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(finished, target);
            return;
        }
        string old = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.Move(target, old);
        Io.FaultPoints.Reach("DatasetWriter.Swap"); // a test may kill the process between the two moves
        Directory.Move(finished, target);
        Directory.Delete(old, recursive: true);
    }
}
