using System.Globalization;
using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>ecgbeats samples</c> against WFDB 10.7's own <c>rdsamp</c> output (tests/Fixtures/rdsamp/README.md).</summary>
public sealed class SamplesCommandTests
{
    private static string[][] Rows(string text, int skip) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(skip).Select(l => l.Trim().Split(',')).ToArray();

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
}
