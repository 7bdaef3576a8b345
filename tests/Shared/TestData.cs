using EcgBeats.Beats;
namespace EcgBeats.TestSupport;

/// <summary>Where the test data lives: committed fixtures, and the whole database when ECGBEATS_DATA names it.</summary>
internal static class TestData
{
    /// <summary>PhysioNet's list of the 48 MIT-BIH Arrhythmia Database records.</summary>
    public static readonly string[] MitBihRecords =
    [
        "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "111", "112", "113", "114", "115", "116",
        "117", "118", "119", "121", "122", "123", "124", "200", "201", "202", "203", "205", "207", "208", "209", "210",
        "212", "213", "214", "215", "217", "219", "220", "221", "222", "223", "228", "230", "231", "232", "233", "234",
    ];

    /// <summary>The four fixture records (first 5 minutes each).</summary>
    public static readonly string[] FixtureRecords = ["100", "208", "217", "232"];

    /// <summary>A path under the committed fixtures (copied next to the test assembly).</summary>
    public static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>A fixture record's path without extension, e.g. Fixtures/mitdb/100.</summary>
    public static string FixtureRecord(string name) => Fixture("mitdb", name);

    /// <summary>The whole MIT-BIH database from ECGBEATS_DATA, or null when it is not set or holds no records.</summary>
    public static string? MitDbDirectory
    {
        get
        {
            string? dir = Environment.GetEnvironmentVariable("ECGBEATS_DATA");
            return !string.IsNullOrWhiteSpace(dir) && File.Exists(Path.Combine(dir, "100.hea")) ? Path.GetFullPath(dir) : null;
        }
    }

    /// <summary>The whole database, or the test is skipped with a message saying why.</summary>
    public static string RequireMitDb()
    {
        string? dir = MitDbDirectory;
        Assert.SkipWhen(dir is null,
            "ECGBEATS_DATA is not set (or does not hold the MIT-BIH records): whole-database test skipped. CI sets it to ../shared/mitdb.");
        return dir!;
    }

    /// <summary>
    /// Kaggle-cut beats of the four fixture records (1,543 beats of all five classes), split 75/25 by
    /// beat, for short training runs.
    /// </summary>
    public static (EcgBeats.Beats.LabelledBeats Train, EcgBeats.Beats.LabelledBeats Test) FixtureBeats => LazyFixtureBeats.Value;

    /// <summary>The fixture training beats with a beat-level validation split (what every trainer is given).</summary>
    public static EcgBeats.Datasets.ValidationSplit FixtureSplit(double fraction = 0.15, int seed = 11) =>
        EcgBeats.Datasets.ValidationSplit.ByBeat(FixtureBeats.Train, fraction, seed);

    private static readonly Lazy<(EcgBeats.Beats.LabelledBeats, EcgBeats.Beats.LabelledBeats)> LazyFixtureBeats = new(() =>
    {
        var all = EcgBeats.Datasets.DatasetBuilder.ExtractAll(Fixture("mitdb"), FixtureRecords, EcgBeats.Datasets.DatasetRecipe.Kaggle());
        var (train, test) = EcgBeats.Datasets.IntraPatientSplit.Split(all.Labels, 0.25, 5);
        return (all.Select(train), all.Select(test));
    });

    /// <summary>Asserts that a classifier beats always answering the test set's most common class by 5 points.</summary>
    public static void AssertBeatsTheMajorityClass(EcgBeats.Classification.IBeatClassifier model, EcgBeats.Beats.LabelledBeats test)
    {
        int[] predicted = model.Predict(test.Unlabelled).PredictedClasses();
        double accuracy = predicted.Zip(test.Labels).Count(p => p.First == p.Second) / (double)test.Count;
        double majority = test.ClassCounts().Max() / (double)test.Count;
        Assert.True(accuracy > majority + 0.05, $"{model.Name}: held-out accuracy {accuracy:P1}, majority class {majority:P1}");
    }

    /// <summary>A fresh temporary folder, deleted when disposed.</summary>
    public static TempFolder TempFolder() => new();
}

/// <summary>A temporary folder for one test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("ecgbeats-test-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies a fixture record's files (.hea, .dat, .atr) here; returns the copy's record path.</summary>
    public string CopyRecord(string sourceRecordPath, string? name = null)
    {
        name ??= System.IO.Path.GetFileName(sourceRecordPath);
        foreach (string ext in new[] { ".hea", ".dat", ".atr" })
            if (System.IO.File.Exists(sourceRecordPath + ext))
                System.IO.File.Copy(sourceRecordPath + ext, File(name + ext));
        return File(name);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
