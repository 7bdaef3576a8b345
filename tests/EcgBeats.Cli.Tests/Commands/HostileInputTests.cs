using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>
/// Issue #14: input found by trying to break the tool. Each gets a clear message naming the file, a named exit code
/// (65 bad input, 66 missing input, 74 I/O) and never an internal error.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly Lazy<string> Model = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), $"ecgbeats-cli-hostile-model-{Environment.ProcessId}");
        if (!File.Exists(Path.Combine(folder, "model.json")))
            Assert.Equal(0, CliRunner.Run("train", "--model", "ann", "--train", FixtureDataset.Train, "--out", folder, "--epochs", "1").ExitCode);
        return folder;
    });

    private static string RecordWithHeader(TempFolder temp, string from, string to)
    {
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        string header = File.ReadAllText(record + ".hea");
        Assert.Contains(from, header);
        File.WriteAllText(record + ".hea", header.Replace(from, to));
        return record;
    }

    [Fact]
    public void AHeaderDeclaringAnImpossibleSampleCountIsABadHeader()
    {
        using var temp = TestData.TempFolder();
        string record = RecordWithHeader(temp, "100 2 360 108000", "100 2 360 4000000000000000000");
        var result = CliRunner.Run("annotate", record, "--model", Model.Value, "--out", temp.File("out"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("100.hea, line 1", result.Error);
        Assert.DoesNotContain("internal error", result.Error);

        var info = CliRunner.Run("info", record);
        Assert.Equal(0, info.ExitCode);
        Assert.DoesNotContain("internal error", info.Error);
    }

    [Fact]
    public void ARateNoDetectorCanSearchIsABadInputNamingTheRecord()
    {
        using var temp = TestData.TempFolder();
        string record = RecordWithHeader(temp, "100 2 360 108000", "100 2 0.001 108000");
        var result = CliRunner.Run("annotate", record, "--model", Model.Value, "--out", temp.File("out"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("100: ", result.Error);
        Assert.Contains("0.001 Hz", result.Error);
        Assert.DoesNotContain("Parameter", result.Error);
    }

    [Fact]
    public void AModelFolderThatIsNotThereIsNamedAsSuch()
    {
        using var temp = TestData.TempFolder();
        var missing = CliRunner.Run("annotate", TestData.FixtureRecord("100"), "--model", temp.File("nothere"), "--out", temp.File("out"));
        Assert.Equal((int)ExitCode.NoInput, missing.ExitCode);
        Assert.Contains("nothere: no such model folder", missing.Error);

        Directory.CreateDirectory(temp.File("empty"));
        var empty = CliRunner.Run("annotate", TestData.FixtureRecord("100"), "--model", temp.File("empty"), "--out", temp.File("out"));
        Assert.NotEqual(0, empty.ExitCode);
        Assert.Contains("empty", empty.Error);
        Assert.DoesNotContain("Could not find", empty.Error + missing.Error); // not .NET's own wording
    }

    [Fact]
    public void AnEmptyDataFolderIsMissingInput()
    {
        using var temp = TestData.TempFolder();
        Directory.CreateDirectory(temp.File("empty"));
        var result = CliRunner.Run("build-dataset", "--data", temp.File("empty"), "--out", temp.File("ds"));
        Assert.Equal((int)ExitCode.NoInput, result.ExitCode);
        Assert.Contains("holds no records", result.Error);
        Assert.Contains("run 'ecgbeats fetch', or give --data", result.Error);
        Assert.False(Directory.Exists(temp.File("ds")));
    }

    [Theory]
    [InlineData("long")]
    [InlineData("nul")]
    public void AHugeOrInvisibleFieldIsQuotedShort(string kind)
    {
        using var temp = TestData.TempFolder();
        string csv = temp.File(kind + ".csv");
        File.WriteAllBytes(csv, kind == "long" ? [.. Enumerable.Repeat((byte)'7', 10_000_000), (byte)'\n'] : [.. new byte[1000], (byte)'\n']);
        var result = CliRunner.Run("predict", "--model", Model.Value, "--input", csv, "--out", temp.File("p.csv"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.True(result.Error.Length < 400, $"{result.Error.Length:N0} characters of error");
        Assert.Contains(kind == "long" ? "10,000,000 bytes" : "\\0\\0", result.Error);
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        using var temp = TestData.TempFolder();
        string csv = temp.File("bom.csv");
        File.WriteAllBytes(csv, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(FixtureDataset.Test)]);
        var withBom = CliRunner.Run("predict", "--model", Model.Value, "--input", csv, "--out", temp.File("a.csv"));
        var without = CliRunner.Run("predict", "--model", Model.Value, "--input", FixtureDataset.Test, "--out", temp.File("b.csv"));
        Assert.True(withBom.ExitCode == 0, withBom.Error);
        Assert.Equal(File.ReadAllText(temp.File("b.csv")), File.ReadAllText(temp.File("a.csv")));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("run")]
    [InlineData("annotate")]
    [InlineData("build-dataset")]
    public void AnOutThatIsAFileIsSaidToBeAFileBeforeAnyWork(string command)
    {
        using var temp = TestData.TempFolder();
        string file = temp.File("taken");
        File.WriteAllText(file, "mine");
        string[] args = command switch
        {
            "train" => ["train", "--model", "cnn", "--train", FixtureDataset.Train, "--out", file],
            "run" => ["run", "--out", file, "--data", temp.File("nothing"), "--base-url", "http://127.0.0.1:9/"],
            "annotate" => ["annotate", TestData.FixtureRecord("100"), "--model", Model.Value, "--out", file],
            _ => ["build-dataset", "--data", TestData.Fixture("mitdb"), "--out", file],
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = CliRunner.Run(args);
        Assert.Equal((int)ExitCode.IoError, result.ExitCode);
        Assert.Contains("is a file, not a folder", result.Error);
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.False(Directory.Exists(temp.File("nothing")), "run must not start fetching before it knows it can write");
    }

    [Fact]
    public void ALocalRecordsListCannotLeadOutsideTheDataFolder()
    {
        using var temp = TestData.TempFolder();
        string data = temp.File("data");
        Directory.CreateDirectory(data);
        foreach (string ext in new[] { ".hea", ".dat", ".atr" })
            File.Copy(TestData.FixtureRecord("100") + ext, Path.Combine(temp.Path, "outside" + ext));
        File.WriteAllText(Path.Combine(data, "RECORDS"), "../outside\n");
        var result = CliRunner.Run("build-dataset", "--data", data, "--out", temp.File("ds"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("RECORDS, line 1", result.Error);
        Assert.False(Directory.Exists(temp.File("ds")));
    }

    [Fact]
    public void AnOutputFileThatIsOneOfTheCommandsInputsIsRefusedAndTheInputKept()
    {
        // #25: `samples 100 --out 100.dat` replaced the record's signal file with its CSV (exit 0).
        using var temp = TestData.TempFolder();
        foreach (string ext in new[] { "hea", "dat", "atr" }) File.Copy(TestData.FixtureRecord("100") + "." + ext, temp.File("100." + ext));
        var before = Directory.GetFiles(temp.Path).ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f)));
        string record = temp.File("100");

        foreach (string target in new[] { "100.dat", "100.hea" })
        {
            var samples = CliRunner.Run("samples", record, "--out", temp.File(target));
            Assert.Equal((int)ExitCode.BadInput, samples.ExitCode);
            Assert.Contains("a file this command reads", samples.Error);
        }
        // Through another name: a hard link is the same file.
        using (var ln = System.Diagnostics.Process.Start("ln", [temp.File("100.dat"), temp.File("hard.dat")])) ln.WaitForExit();
        Assert.Equal((int)ExitCode.BadInput, CliRunner.Run("samples", record, "--out", temp.File("hard.dat")).ExitCode);
        var score = CliRunner.Run("score", record, "--test", "atr", "--json", temp.File("100.atr"));
        Assert.Equal((int)ExitCode.BadInput, score.ExitCode);
        Assert.Contains("100.atr: is ", score.Error);

        File.Delete(temp.File("hard.dat"));
        Assert.Equal(before, Directory.GetFiles(temp.Path).ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f))));
        // Another name in the same folder is written as usual.
        Assert.Equal(0, CliRunner.Run("samples", record, "--to", "1", "--out", temp.File("100.csv")).ExitCode);
    }
}
