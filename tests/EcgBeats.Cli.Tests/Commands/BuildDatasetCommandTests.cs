using System.Text.Json;
using EcgBeats.Datasets;
using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

public sealed class BuildDatasetCommandTests
{
    [Fact]
    public void WritesKaggleFilesProvenanceAndACardThatAgree()
    {
        using var output = TestData.TempFolder();
        var result = CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", output.Path, "--seed", "7");

        Assert.True(result.ExitCode == 0, result.Error);
        var card = DatasetCard.Read(output.File("dataset.json"));
        var train = DatasetFiles.ReadLabelled(output.File("mitbih_train.csv"));
        var test = DatasetFiles.ReadLabelled(output.File("mitbih_test.csv"));
        var (trainOrigins, trainSymbols) = ProvenanceCsv.Read(output.File("mitbih_train.provenance.csv"));

        Assert.Equal(card.TrainCounts, ClassCounts.From(train.ClassCounts()));
        Assert.Equal(card.TestCounts, ClassCounts.From(test.ClassCounts()));
        Assert.Equal(train.Count, trainOrigins.Length);
        // Fixture beats: 100: 371, 208: 518, 217: 363, 232: 295, less the last beat of each.
        Assert.Equal(371 + 518 + 363 + 295 - 4, card.TrainCounts.Total + card.TestCounts.Total);
        Assert.Equal(7, card.Seed);
        Assert.Equal("kaggle-mitbih", card.Representation.Name);
        // The files read back carry the card's recipe, and the card pins each file's bytes.
        Assert.Equal(card.Representation, train.Recipe);
        Assert.Equal(4, card.Files.Count);
        Assert.All(card.Files, f => Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(output.File(f.Name)))), f.Sha256));
        Assert.Equal(12, card.Sources.Count);
        Assert.All(card.Sources, s => Assert.Equal(64, s.Sha256.Length));
        // Provenance names real reference beats whose class is the row's label.
        var labelOf = new Dictionary<string, int> { ["N"] = 0, ["A"] = 1, ["V"] = 2, ["F"] = 3, ["/"] = 4, ["f"] = 4, ["R"] = 0 };
        Assert.All(Enumerable.Range(0, train.Count), i => Assert.Equal(labelOf[trainSymbols[i]], train.Labels[i]));
        Assert.Equal(train.Origins!.Select(o => (o.Record, o.Sample)), trainOrigins.Select(o => (o.Record, o.Sample)));
        Assert.Contains("train", result.Output);
    }

    /// <summary>
    /// #25: Ctrl+C during build-dataset left an empty hidden <c>.building</c> folder. The real command, interrupted with
    /// SIGINT while it writes the new dataset beside a previous one: the previous one stays, and nothing else is left.
    /// </summary>
    [Fact]
    public void CtrlCWhileTheDatasetIsWrittenLeavesThePreviousOneAndNothingBeside()
    {
        string data = TestData.RequireMitDb();
        Assert.SkipUnless(OperatingSystem.IsLinux(), "SIGINT is sent with kill(1)");
        using var temp = TestData.TempFolder();
        string target = temp.File("ds");
        Assert.Equal(0, CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", target).ExitCode);
        var before = Directory.GetFiles(target).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f)));

        // The whole database takes seconds to write: interrupted once its hidden build folder holds a file.
        var result = CliRunner.Interrupt(() => Directory.EnumerateDirectories(temp.Path, ".ds.building.*").Any(d => Directory.EnumerateFiles(d).Any()),
            "build-dataset", "--data", data, "--out", target);
        Assert.SkipWhen(result is null, "the command finished before it could be interrupted");

        Assert.Equal((int)ExitCode.Interrupted, result!.ExitCode);
        Assert.Contains("interrupted", result.Error);
        Assert.Equal(["ds"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
        Assert.Equal(before, Directory.GetFiles(target).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(File.ReadAllBytes(f))));
    }

    [Fact]
    public void AKillBetweenTheSwapsTwoMovesLeavesThePreviousDatasetForTheNextCommand()
    {
        // #25: killed after the old dataset moved aside and before the new one moved in, build-dataset left no dataset
        // folder (train then exited 66). The process is killed there (fault point DatasetWriter.Swap, Io/FaultPoints).
        using var temp = TestData.TempFolder();
        string folder = temp.File("ds"), data = TestData.Fixture("mitdb");
        Assert.Equal(0, CliRunner.Run("build-dataset", "--data", data, "--out", folder, "--seed", "1").ExitCode);
        byte[] before = File.ReadAllBytes(Path.Combine(folder, "mitbih_train.csv"));

        var killed = CliRunner.RunProcess(new Dictionary<string, string> { [EcgBeats.Io.FaultPoints.Variable] = "DatasetWriter.Swap:1" },
            "build-dataset", "--data", data, "--out", folder, "--seed", "2");
        Assert.NotEqual(0, killed.ExitCode);
        Assert.False(Directory.Exists(folder)); // the moment the issue found: no dataset folder

        // The next command that reads it puts the previous dataset back, whole.
        var train = CliRunner.Run("train", "--model", "dt", "--train", Path.Combine(folder, "mitbih_train.csv"), "--out", temp.File("dt"));
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "mitbih_train.csv")));
        Assert.Equal(["dt", "ds"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).OrderDescending());
    }

    [Fact]
    public void TheSameSeedGivesTheSameFiles()
    {
        using var a = TestData.TempFolder();
        using var b = TestData.TempFolder();
        Assert.Equal(0, CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", a.Path, "--filter", "both").ExitCode);
        Assert.Equal(0, CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", b.Path, "--filter", "both").ExitCode);
        Assert.Equal(File.ReadAllBytes(a.File("mitbih_test.csv")), File.ReadAllBytes(b.File("mitbih_test.csv")));
        Assert.Equal(File.ReadAllBytes(a.File("mitbih_train.provenance.csv")), File.ReadAllBytes(b.File("mitbih_train.provenance.csv")));
        using var card = JsonDocument.Parse(File.ReadAllText(a.File("dataset.json")));
        var filter = card.RootElement.GetProperty("representation").GetProperty("filter");
        Assert.Equal("Both", filter.GetProperty("kind").GetString());
        Assert.Equal(0.5, filter.GetProperty("bandLowHz").GetDouble());
        Assert.Equal(40, filter.GetProperty("bandHighHz").GetDouble());
    }

    [Fact]
    public void InterSplitWithoutItsRecordsIsAClearError()
    {
        using var output = TestData.TempFolder();
        var result = CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", output.Path, "--split", "inter");
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("inter-patient split needs records", result.Error);
        Assert.False(File.Exists(output.File("dataset.json")));
    }
}
