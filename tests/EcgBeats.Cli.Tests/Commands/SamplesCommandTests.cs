using System.Globalization;
using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>ecgbeats samples</c> against WFDB 10.7's own <c>rdsamp</c> output (tests/Fixtures/rdsamp/README.md).</summary>
public sealed class SamplesCommandTests
{
    private static string[][] Rows(string text, int skip) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(skip).Select(l => l.Trim().Split(',')).ToArray();

    [Fact]
    public void ChecksumErrorsAndALengthTheSegmentsDoNotHoldAreWarnedAsRdsampWarns()
    {
        // rdsamp -r badsum: "getvec: checksum error in signal 1", once the whole record is read; the samples still print.
        var whole = CliRunner.Run("samples", TestData.Fixture("rdsamp", "formats", "badsum"), "--adc");
        Assert.Equal(0, whole.ExitCode);
        Assert.Contains("warning: ", whole.Error);
        Assert.Contains("badsum.hea: checksum error in signal 1 (col 1): the header says 12345, its samples sum to -14883", whole.Error);
        Assert.DoesNotContain("signal 0", whole.Error);
        Assert.Equal(362, whole.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // A window is not the whole record: WFDB checks nothing then, nor does EcgBeats.
        Assert.Equal("", CliRunner.Run("samples", TestData.Fixture("rdsamp", "formats", "badsum"), "--adc", "--to", "0.5").Error);

        // rdsamp -r fxl: "stated record length (300) does not match sum of segment lengths (250)", then 250 rows.
        var segments = CliRunner.Run("samples", TestData.Fixture("rdsamp", "segments", "fxl"), "--adc");
        Assert.Equal(0, segments.ExitCode);
        Assert.Contains("the stated record length (300) does not match the sum of the segment lengths (250)", segments.Error);
        Assert.Equal(Rows(File.ReadAllText(TestData.Fixture("rdsamp", "segments", "expected", "fxl.adc.csv")), 0), Rows(segments.Output, 1));
    }

    [Fact]
    public void AdcUnitsEqualRdsampExactly()
    {
        var result = CliRunner.Run("samples", TestData.FixtureRecord("208"), "--from", "10", "--to", "12", "--adc");
        Assert.Equal(0, result.ExitCode);
        var ours = Rows(result.Output, 0);
        var theirs = Rows(File.ReadAllText(TestData.Fixture("rdsamp/208-10s-12s.adc.csv")), 1);
        Assert.Equal(["sample", "MLII", "V1"], ours[0]);
        Assert.Equal(theirs, ours[1..]);
    }

    [Fact]
    public void PhysicalUnitsEqualRdsampToItsPrintedPrecision()
    {
        var result = CliRunner.Run("samples", TestData.FixtureRecord("208"), "--from", "10", "--to", "12");
        Assert.Equal(0, result.ExitCode);
        var ours = Rows(result.Output, 1);
        var theirs = Rows(File.ReadAllText(TestData.Fixture("rdsamp/208-10s-12s.physical.csv")), 2);
        Assert.Equal(720, theirs.Length);
        Assert.Equal(theirs.Length, ours.Length);
        for (int i = 0; i < theirs.Length; i++)
        {
            double[] a = ours[i].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            double[] b = theirs[i].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(Math.Abs(a[0] - b[0]), 0, 0.0005 + 1e-12);
            Assert.InRange(Math.Abs(a[1] - b[1]), 0, 0.000000005 + 1e-12);
            Assert.InRange(Math.Abs(a[2] - b[2]), 0, 0.000000005 + 1e-12);
        }
    }

    [Fact]
    public void SignalsAreChosenByNameOrNumberAndAFileIsWrittenWhole()
    {
        using var temp = TestData.TempFolder();
        var result = CliRunner.Run("samples", TestData.FixtureRecord("208"), "--signals", "V1", "0", "--adc", "--out", temp.File("s.csv"));
        Assert.Equal(0, result.ExitCode);
        string[] lines = File.ReadAllLines(temp.File("s.csv"));
        Assert.Equal("sample,V1,MLII", lines[0]);
        Assert.Equal(108_000 + 1, lines.Length);
        Assert.Equal(["s.csv"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));

        var bad = CliRunner.Run("samples", TestData.FixtureRecord("208"), "--signals", "V9");
        Assert.Equal((int)ExitCode.BadInput, bad.ExitCode);
        Assert.Contains("0 (MLII), 1 (V1)", bad.Error);
    }

    /// <summary>Samples a file marks invalid: -32768 in ADC units as rdsamp prints them (format 212 stores -2048), NaN in physical units (rdsamp: "-").</summary>
    [Fact]
    public void InvalidSamplesAreWhatRdsampSays()
    {
        string record = TestData.Fixture("rdsamp/invalid/s100");
        var adc = CliRunner.Run("samples", record, "--to", "1.5", "--adc");
        Assert.Equal(Rows(File.ReadAllText(TestData.Fixture("rdsamp/s100-invalid.adc.csv")), 1), Rows(adc.Output, 1));
        Assert.Contains("10,-32768,", adc.Output);

        var physical = Rows(CliRunner.Run("samples", record, "--to", "1.5").Output, 1);
        var theirs = Rows(File.ReadAllText(TestData.Fixture("rdsamp/s100-invalid.physical.csv")), 2);
        Assert.Equal(theirs.Length, physical.Length);
        for (int i = 0; i < theirs.Length; i++)
            for (int c = 1; c < 3; c++)
                if (theirs[i][c] == "-") Assert.Equal("NaN", physical[i][c]);
                else Assert.InRange(Math.Abs(double.Parse(physical[i][c], CultureInfo.InvariantCulture) - double.Parse(theirs[i][c], CultureInfo.InvariantCulture)), 0, 5e-9 + 1e-12);
        Assert.Equal(3, physical.Count(r => r[1] == "NaN"));
    }

    /// <summary>A multi-frequency record: one averaged row per frame by default (rdsamp), every sample of the fastest signal with -H (rdsamp -H).</summary>
    [Fact]
    public void MultiFrequencyRecordsPrintAsRdsampInBothResolutions()
    {
        string record = TestData.Fixture("rdsamp/formats/spf");
        var low = CliRunner.Run("samples", record, "--adc");
        Assert.Equal(Rows(File.ReadAllText(TestData.Fixture("rdsamp/formats/expected/spf.adc.csv")), 0), Rows(low.Output, 1));
        var high = CliRunner.Run("samples", record, "--adc", "-H");
        Assert.Equal(Rows(File.ReadAllText(TestData.Fixture("rdsamp/formats/expected/spf.high.adc.csv")), 0), Rows(high.Output, 1));

        // Physical units with -H: times at 540 Hz (rdsamp prints 3 decimals), values to its 8.
        var physical = Rows(CliRunner.Run("samples", record, "-H").Output, 1);
        var theirs = Rows(File.ReadAllText(TestData.Fixture("rdsamp/formats/expected/spf.high.physical.csv")), 0);
        Assert.Equal(theirs.Length, physical.Length);
        for (int i = 0; i < theirs.Length; i++)
            for (int c = 0; c < 3; c++)
                if (theirs[i][c] == "-") Assert.Equal("NaN", physical[i][c]);
                else Assert.InRange(Math.Abs(double.Parse(physical[i][c], CultureInfo.InvariantCulture) - double.Parse(theirs[i][c], CultureInfo.InvariantCulture)), 0, c == 0 ? 0.0005 + 1e-12 : 5e-9 + 1e-12);
    }

    /// <summary>A 24-bit record windowed by time prints the integers rdsamp prints for those samples.</summary>
    [Fact]
    public void AWindowOfA24BitRecordEqualsRdsamp()
    {
        var ours = Rows(CliRunner.Run("samples", TestData.Fixture("rdsamp/formats/f24"), "--adc", "--from", "0.5", "--to", "0.75").Output, 1);
        var theirs = Rows(File.ReadAllText(TestData.Fixture("rdsamp/formats/expected/f24.adc.csv")), 0)[180..270];
        Assert.Equal(theirs, ours);
    }

    /// <summary>
    /// #25: Ctrl+C while <c>samples --out</c> writes a whole 30-minute record left a hidden 100 MB temporary file and
    /// said nothing. The real command in its own process, interrupted with SIGINT once its temporary file appears.
    /// </summary>
    [Fact]
    public void CtrlCDuringSamplesOutLeavesNoFileAndSaysSo()
    {
        string data = TestData.RequireMitDb();
        Assert.SkipUnless(OperatingSystem.IsLinux(), "SIGINT is sent with kill(1)");
        using var temp = TestData.TempFolder();
        var result = CliRunner.Interrupt(() => Directory.EnumerateFiles(temp.Path, "*.tmp").Any(), "samples", "100", "--data", data, "--out", temp.File("s.csv"));
        Assert.SkipWhen(result is null, "the command finished before it could be interrupted");

        Assert.Equal((int)ExitCode.Interrupted, result!.ExitCode);
        Assert.Contains("interrupted", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path)); // neither the file nor its temporary
    }
}
