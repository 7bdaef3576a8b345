using System.Globalization;
using System.Text.Json;
using EcgBeats.Io;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>annotate</c> and <c>score</c> on the fixture records, with a model trained on them.</summary>
public sealed class AnnotateScoreCommandTests
{
    private static readonly Lazy<string> Model = new(() => FixtureDataset.AnnModel);

    private static string Fixtures => TestData.Fixture("mitdb");

    [Fact]
    public void AnnotateWritesReadableAnnotationsAndACsvThatAgree()
    {
        using var temp = TestData.TempFolder();
        var run = CliRunner.Run("annotate", "208", "232", "--model", Model.Value, "--data", Fixtures, "--out", temp.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("208: ", run.Output);

        foreach (string name in new[] { "208", "232" })
        {
            var all = AnnotationReader.ReadFile(temp.File($"{name}.ecgbeats"));
            var annotations = all.Where(a => a.Symbol != "+").ToList();
            string[] rows = File.ReadAllLines(temp.File($"{name}.ecgbeats.csv"));
            Assert.Equal("sample,time_s,class,rhythm,p_N,p_S,p_V,p_F,p_Q", rows[0]);
            // Each beat's rhythm is the one the last rhythm change before it names.
            var rhythmChanges = all.Where(a => a.Symbol == "+").ToList();
            Assert.NotEmpty(rhythmChanges);
            Assert.Equal(annotations.Count, rows.Length - 1);
            for (int i = 0; i < annotations.Count; i++)
            {
                string[] f = rows[i + 1].Split(',');
                Assert.Equal(annotations[i].Sample, long.Parse(f[0], CultureInfo.InvariantCulture));
                Assert.Equal(annotations[i].Symbol, f[2]);
                Assert.Equal(annotations[i].Sample / 360.0, double.Parse(f[1], CultureInfo.InvariantCulture), 3);
                Assert.Contains(f[2], new[] { "N", "S", "V", "F", "Q" });
                string rhythmBefore = rhythmChanges.Last(r => r.Sample < annotations[i].Sample).AuxText!.TrimStart('(');
                Assert.Equal(rhythmBefore, f[3]);
                if (f[3] == "AFIB") Assert.NotEqual("S", f[2]); // the gate
            }
        }
    }

    [Fact]
    public void ScoreOfAnnotatedRecordsReportsEc57StatisticsAsTableAndJson()
    {
        using var temp = TestData.TempFolder();
        Assert.Equal(0, CliRunner.Run("annotate", "100", "208", "--model", Model.Value, "--data", Fixtures, "--out", temp.Path).ExitCode);

        var score = CliRunner.Run("score", "100", "208", "--data", Fixtures, "--test-dir", temp.Path, "--start", "0", "--json", temp.File("score.json"));
        Assert.True(score.ExitCode == 0, score.Error);
        Assert.Contains("QRS Se", score.Output);
        Assert.Contains("average", score.Output);

        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("score.json")));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("records").GetArrayLength());
        double se = root.GetProperty("gross").GetProperty("qrsSensitivity").GetDouble();
        double plusP = root.GetProperty("gross").GetProperty("qrsPositivePredictivity").GetDouble();
        // The default detector (Elgendi 2010) misses 7 of the 208 excerpt's 520 beats (fusion and PVC runs,
        // Elgendi2010DetectorTests): Se 99.2% over the two excerpts; over the 48 whole records it misses 0.12% (docs/records.md).
        Assert.True(se >= 99.0 && plusP >= 99.5, $"Se {se}, +P {plusP}");
        // The gross matrix is the sum of the records' matrices, and counts every reference beat of the two records.
        long[][] gross = root.GetProperty("grossMatrix").Deserialize<long[][]>()!;
        long referenceBeats = new[] { "100", "208" }.Sum(r => AnnotationReader.ReadFile(Path.Combine(Fixtures, r + ".atr")).Count(a => EcgBeats.Beats.AamiMapping.IsBeat(a.Symbol)));
        Assert.Equal(referenceBeats, gross.Take(5).Sum(row => row.Sum()));
    }

    [Fact]
    public void TheSecondDetectorCanBeChosen()
    {
        using var temp = TestData.TempFolder();
        var run = CliRunner.Run("annotate", "100", "--detector", "elgendi2010", "--model", Model.Value, "--data", Fixtures, "--out", temp.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        var score = CliRunner.Run("score", "100", "--data", Fixtures, "--test-dir", temp.Path, "--start", "0", "--json", temp.File("score.json"));
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("score.json")));
        Assert.True(json.RootElement.GetProperty("gross").GetProperty("qrsSensitivity").GetDouble() >= 99.5, score.Output);

        var unknown = CliRunner.Run("annotate", "100", "--detector", "nosuch", "--model", Model.Value, "--data", Fixtures, "--out", temp.Path);
        Assert.Equal((int)ExitCode.Usage, unknown.ExitCode);
        Assert.Contains("pantompkins1985", unknown.Error);
    }

    [Fact]
    public void ReferenceScoredAgainstItselfIsOneHundredPercentEverywhere()
    {
        using var temp = TestData.TempFolder();
        var score = CliRunner.Run("score", "100", "208", "217", "232", "--data", Fixtures, "--test", "atr", "--start", "0", "--json", temp.File("self.json"));
        Assert.True(score.ExitCode == 0, score.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("self.json")));
        foreach (string part in new[] { "gross", "average" })
            foreach (var stat in json.RootElement.GetProperty(part).EnumerateObject())
                Assert.True(stat.Value.ValueKind == JsonValueKind.Null || stat.Value.GetDouble() == (stat.Name is "vebFalsePositiveRate" or "rmsRrErrorMs" ? 0 : 100), $"{part} {stat.Name} {stat.Value}");
    }

    [Fact]
    public void ScoreRhythmComparesAfEpisodesAsEpicmpDoes()
    {
        using var temp = TestData.TempFolder();
        var score = CliRunner.Run("score", "217", "--data", Fixtures, "--test", "atr", "--start", "0", "--rhythm", "--wfdb-reports", temp.Path);
        Assert.True(score.ExitCode == 0, score.Error);
        Assert.Contains("Atrial fibrillation, episode by episode", score.Output);
        // What WFDB 10.7 wrote for the fixture record: WFDB=tests/Fixtures/mitdb epicmp -r 217 -a atr atr -f 0 -A FILE
        Assert.Equal("""
            AF episode-by-episode comparison results for record 217
            Reference annotator: atr
                 Test annotator: atr

                       Episode sensitivity: 100% (2/2)
             Episode positive predictivity: 100% (2/2)
                      Duration sensitivity: 100% (0:06.550/0:06.550)
            Duration positive predictivity: 100% (0:06.550/0:06.550)
            Duration of reference episodes:      0:06.550
                 Duration of test episodes:      0:06.550

            """.Replace("\r\n", "\n"), File.ReadAllText(temp.File("epicmp-af.txt")));
    }

    [Fact]
    public void ARecordWithOddLeadNamesGainZeroAndOneSampleShortIsAnnotatedWithOneWarningEach()
    {
        // Issue #23: what other databases' headers do. Record 100's excerpt with its leads renamed, gain 0 (WFDB: 200
        // adu/mV) and a header one sample longer than the signal file.
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        File.WriteAllText(record + ".hea", File.ReadAllText(record + ".hea").Replace("100 2 360 108000", "100 2 360 108001")
            .Replace("212 200 11 1024 995 -20101 0 MLII", "212 0 11 1024 995 -20101 0 ECG1").Replace("212 200 11 1024 1011 -20894 0 V5", "212 0 11 1024 1011 -20894 0 ECG2"));
        Assert.Contains("ECG1", File.ReadAllText(record + ".hea"));
        Assert.Contains("ECG2", File.ReadAllText(record + ".hea"));

        var run = CliRunner.Run("annotate", record, "--model", Model.Value, "--out", temp.File("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        string all = run.Output + run.Error;
        Assert.Equal(1, all.Split('\n').Count(l => l.Contains("declares 108001 samples per signal", StringComparison.Ordinal)));
        var beats = AnnotationReader.ReadFile(temp.File("out/100.ecgbeats")).Where(a => a.Symbol != "+").ToList();
        Assert.InRange(beats.Count, 366, 376); // 371 reference beats in the excerpt (rdann -r 100 -a atr), whatever the header says
    }

    /// <summary>
    /// Issue #23: records as other databases carry them, made by WFDB's own xform from the fixtures (250 Hz with lead 0
    /// named D3; 128 Hz with leads ECG1 and ECG2 and gain 0; tests/Fixtures/other-rates). <c>annotate</c> reads them at
    /// their own rate and finds the beats xform moved to that rate (bars: the detector's measured rates less a margin,
    /// Elgendi2010DetectorTests; WFDB's bxb reads the same numbers off the annotation file). This test model reads the
    /// Kaggle cut, the first signal whatever its name (docs/records.md), so no lead stands in for another and nothing is
    /// said about leads; the note a model that reads leads by name gets, once per lead, is RepresentationTests'.
    /// </summary>
    [Theory]
    [InlineData("x100", 250, 99.5, 99.5)]
    [InlineData("x208", 128, 98.5, 99.5)]
    public void RecordsAtOtherRatesWithOtherLeadNamesAreAnnotatedAtTheirOwnRate(string name, int rate, double minimumSe, double minimumPlusP)
    {
        using var temp = TestData.TempFolder();
        string data = TestData.Fixture("other-rates");
        var run = CliRunner.Run("annotate", name, "--model", Model.Value, "--data", data, "--out", temp.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("stands in", run.Output + run.Error);

        var score = CliRunner.Run("score", name, "--data", data, "--test-dir", temp.Path, "--start", "0", "--json", temp.File("score.json"));
        Assert.True(score.ExitCode == 0, score.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("score.json")));
        double se = json.RootElement.GetProperty("gross").GetProperty("qrsSensitivity").GetDouble();
        double plusP = json.RootElement.GetProperty("gross").GetProperty("qrsPositivePredictivity").GetDouble();
        Assert.True(se >= minimumSe && plusP >= minimumPlusP, $"{name} at {rate} Hz: Se {se}, +P {plusP}");
        // The beats are at the record's own rate: the CSV's times are samples over it.
        string[] rows = File.ReadAllLines(temp.File($"{name}.ecgbeats.csv"));
        string[] first = rows[1].Split(',');
        Assert.Equal(long.Parse(first[0], CultureInfo.InvariantCulture) / (double)rate, double.Parse(first[1], CultureInfo.InvariantCulture), 3);
    }

    [Fact]
    public void FlatLeadIsABadInputAndNothingIsWritten()
    {
        using var temp = TestData.TempFolder();
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        RecordWriter.Write(temp.Path, "flat", new WfdbRecord(record.Header with { RecordName = "flat" }, 0, [new int[record.Length], record.Adc[1]]));
        string output = Path.Combine(temp.Path, "out");

        var run = CliRunner.Run("annotate", Path.Combine(temp.Path, "flat"), "--model", Model.Value, "--out", output);

        Assert.Equal((int)ExitCode.BadInput, run.ExitCode);
        Assert.Contains("flat", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "no file, whole or partial");
    }

    [Fact]
    public void MissingFilesAreNamed()
    {
        using var temp = TestData.TempFolder();
        var noRecord = CliRunner.Run("annotate", temp.File("nothing"), "--model", Model.Value, "--out", temp.Path);
        Assert.Equal((int)ExitCode.NoInput, noRecord.ExitCode);
        Assert.Contains("nothing.hea", noRecord.Error);

        var noTest = CliRunner.Run("score", "100", "--data", Fixtures, "--test", "nosuch");
        Assert.Equal((int)ExitCode.NoInput, noTest.ExitCode);
        Assert.Contains("100.nosuch", noTest.Error);
    }

    /// <summary>Without --model, annotate uses the model for new patients that 'run' leaves in runs/latest, and says so when it is missing.</summary>
    [Fact]
    public void WithoutAModelTheDefaultIsTheRunsModelForNewPatients()
    {
        Assert.Equal(Path.Combine("runs", "latest", "inter", "models", "ensemble-classwise"), EcgBeats.Runs.RunFolder.DefaultAnnotationModel);
        Assert.False(Directory.Exists(EcgBeats.Runs.RunFolder.DefaultAnnotationModel), "the test's working folder holds no run");
        using var temp = TestData.TempFolder();
        var result = CliRunner.Run("annotate", TestData.FixtureRecord("100"), "--out", temp.Path);
        Assert.Equal((int)ExitCode.NoInput, result.ExitCode);
        Assert.Contains("runs/latest/inter/models/ensemble-classwise", result.Error);
        Assert.Contains("ecgbeats run", result.Error);
    }

    /// <summary>
    /// #25: a record's annotation file, CSV and stamp are one unit on a kill at any moment of their renames. The process is
    /// killed before the first, second and third rename (fault point FileSet.Commit), annotating over another option's
    /// files and into an empty folder; the next run must annotate the record again (never skip it as finished, never
    /// refuse its own files as foreign), and then the stamp's digests are those of the files beside it.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AKillBetweenTheRenamesIsRedoneByTheNextRun(int killBefore)
    {
        using var temp = TestData.TempFolder();
        string data = TestData.Fixture("mitdb");
        var fault = new Dictionary<string, string> { [FaultPoints.Variable] = $"FileSet.Commit:{killBefore}" };
        var none = new Dictionary<string, string>();
        foreach (bool over in new[] { true, false })
        {
            string output = temp.File(over ? "over" : "fresh");
            if (over) Assert.Equal(0, CliRunner.RunProcess(none, "annotate", "100", "--model", Model.Value, "--data", data, "--out", output).ExitCode);
            Assert.NotEqual(0, CliRunner.RunProcess(fault, "annotate", "100", "--model", Model.Value, "--data", data, "--out", output, "--no-rhythm").ExitCode);

            var rerun = CliRunner.Run("annotate", "100", "--model", Model.Value, "--data", data, "--out", output);
            Assert.True(rerun.ExitCode == 0, rerun.Error);
            // Killed before the first rename, the earlier run's three files are untouched and whole: skipping them is right.
            if (!(over && killBefore == 1)) Assert.DoesNotContain("already annotated", rerun.Output);
            Assert.Empty(Directory.GetDirectories(output, ".ecgbeats-staging.*")); // the killed run's staging folder is cleared
            var stamp = JsonFile.Read<Annotators.AnnotationStamp>(Path.Combine(output, "100.ecgbeats.json"), "stamp");
            foreach (string file in new[] { "100.ecgbeats", "100.ecgbeats.csv" })
                Assert.Equal(stamp.Files![file], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(output, file)))));
        }
    }

    /// <summary>#25: a test file with its own time resolution in --test-dir (no header beside it) takes the record's rate from --data.</summary>
    [Fact]
    public void ATestFileWithATimeResolutionInTestDirIsScored()
    {
        using var temp = TestData.TempFolder();
        // WFDB's own 100.cus (tests/Fixtures/rdann/README.md): 100.atr's annotations at 1000 ticks per second.
        File.Copy(TestData.Fixture("rdann/100.cus"), temp.File("100.cus"));
        var result = CliRunner.Run("score", "100", "--test", "cus", "--test-dir", temp.Path, "--data", TestData.Fixture("mitdb"), "--start", "0");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("100", result.Output);
    }

    /// <summary>#25: annotate into the record's own folder with the extension of one of its files refuses instead of destroying it.</summary>
    [Theory]
    [InlineData("hea")]
    [InlineData("dat")]
    [InlineData("atr")]
    public void TheRecordsOwnFilesAreNeverReplaced(string extension)
    {
        using var temp = TestData.TempFolder();
        string folder = temp.File("rec");
        Directory.CreateDirectory(folder);
        foreach (string ext in new[] { "hea", "dat", "atr" }) File.Copy(TestData.FixtureRecord("100") + "." + ext, Path.Combine(folder, "100." + ext));
        byte[] before = File.ReadAllBytes(Path.Combine(folder, "100." + extension));

        var result = CliRunner.Run("annotate", Path.Combine(folder, "100"), "--model", Model.Value, "--out", folder, "--ext", extension);

        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("was not written by ecgbeats annotate", result.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "100." + extension)));
        Assert.False(File.Exists(Path.Combine(folder, $"100.{extension}.json")));
    }

    /// <summary>Issue #16: a folder of records, resumed: a second run skips what the same model made; a failing record does not stop the others.</summary>
    [Fact]
    public void AnArchiveIsAnnotatedResumedAndSummarised()
    {
        using var temp = TestData.TempFolder();
        string archive = temp.File("archive");
        Directory.CreateDirectory(archive);
        foreach (string r in new[] { "100", "232" })
            foreach (string ext in new[] { ".hea", ".dat" })
                File.Copy(TestData.FixtureRecord(r) + ext, Path.Combine(archive, r + ext));
        File.WriteAllText(Path.Combine(archive, "999.hea"), "999 1 360 10\n999.dat 212 200 11 1024 0 0 0 MLII\n"); // no signal file
        // #25: segments whose lengths sum past 2^63 (an overflow deep in the reader) and a record whose beat CSV would be
        // the summary are each that record's failure; the others go on.
        File.WriteAllText(Path.Combine(archive, "big.hea"), "big/2 2 360 0\n100 4000000000000000000\n100 8000000000000000000\n");
        File.Copy(TestData.FixtureRecord("100") + ".hea", Path.Combine(archive, "summary.hea"));
        string output = temp.File("out");

        var first = CliRunner.Run("annotate", archive, "--model", Model.Value, "--out", output, "--jobs", "2");
        Assert.Equal((int)ExitCode.BadInput, first.ExitCode);
        Assert.Contains("999", first.Error);
        Assert.Contains("3 record(s) failed", first.Error);
        Assert.DoesNotContain("   at ", first.Error);
        string[] summary = File.ReadAllLines(Path.Combine(output, "summary.ecgbeats.csv"));
        Assert.Equal("record,status,beats,N,S,V,F,Q,seconds,reason", summary[0]);
        Assert.StartsWith("100,annotated,", summary[1]);
        Assert.StartsWith("232,annotated,", summary[2]);
        // #28: the reason is the tenth field, under "reason" (for failed rows it was the ninth, under "seconds").
        Assert.StartsWith("999,failed,,,,,,,,", summary[3]);
        Assert.StartsWith("big,failed,,,,,,,,", summary[4]);
        Assert.StartsWith("summary,failed,,,,,,,,\"record summary: its beat CSV would be the archive's summary", summary[5]);
        Assert.False(File.Exists(Path.Combine(output, "summary.ecgbeats")));
        int beats100 = int.Parse(summary[1].Split(',')[2], CultureInfo.InvariantCulture);
        Assert.Equal(File.ReadAllLines(Path.Combine(output, "100.ecgbeats.csv")).Length - 1, beats100);

        foreach (string bad in new[] { "999", "big", "summary" }) File.Delete(Path.Combine(archive, bad + ".hea"));
        var second = CliRunner.Run("annotate", archive, "--model", Model.Value, "--out", output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("100: already annotated by this model", second.Output);
        Assert.Contains("232: already annotated by this model", second.Output);

        // #25: a kill between the renames of a record's three files left one model's annotation file beside another's CSV
        // and stamp, and the rerun skipped it. The stamp now holds the files' digests: a pair that is not one unit is redone.
        File.Copy(TestData.FixtureRecord("100") + ".atr", Path.Combine(output, "100.ecgbeats"), overwrite: true);
        var third = CliRunner.Run("annotate", archive, "--model", Model.Value, "--out", output);
        Assert.Equal(0, third.ExitCode);
        Assert.DoesNotContain("100: already annotated", third.Output);
        Assert.Contains("232: already annotated by this model", third.Output);
        Assert.NotEqual(File.ReadAllBytes(TestData.FixtureRecord("100") + ".atr"), File.ReadAllBytes(Path.Combine(output, "100.ecgbeats")));
    }
}
