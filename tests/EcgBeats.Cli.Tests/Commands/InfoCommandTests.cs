using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

public sealed class InfoCommandTests
{
    [Fact]
    public void PrintsHeaderFactsDurationAndCountsPerSymbolAndClass()
    {
        var result = CliRunner.Run("info", TestData.FixtureRecord("208"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Record 208", result.Output);
        Assert.Contains("360 Hz", result.Output);
        Assert.Contains("108,000", result.Output);
        Assert.Contains("00:05:00.000", result.Output);
        Assert.Contains("MLII", result.Output);
        Assert.Matches(@"│ V\s+│ Premature ventricular contraction\s+│ 168\s+│ V", result.Output);
        Assert.Matches(@"│ F\s+│ Fusion of ventricular and normal beat\s+│ 72\s+│ F", result.Output);
        Assert.Matches(@"│ all beats\s+│ 518", result.Output);
    }

    [Fact]
    public void ShowsEachChecksumAndTheSamplesSumWhereTheyDiffer()
    {
        // badsum's second checksum was changed by hand; rdsamp: "getvec: checksum error in signal 1".
        var result = CliRunner.Run("info", TestData.Fixture("rdsamp", "formats", "badsum"));
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ -22242\s+│", result.Output);                 // signal 0: as stated, and it holds
        Assert.Contains("12345 (samples: -14883)", result.Output);
        Assert.Contains("Warning: ", result.Output);
        Assert.Contains("checksum error in signal 1", result.Output);
        Assert.DoesNotContain("checksum error", CliRunner.Run("info", TestData.Fixture("rdsamp", "formats", "f212")).Output);
    }

    [Fact]
    public void FindsABareRecordNameInTheDataFolder()
    {
        var result = CliRunner.Run("info", "--data", TestData.Fixture("mitdb"), "217");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ Q\s+│ 332", result.Output);
    }

    [Fact]
    public void AMissingRecordIsAClearErrorWithoutAStackTrace()
    {
        var result = CliRunner.Run("info", "--data", TestData.Fixture("mitdb"), "999");
        Assert.Equal((int)ExitCode.NoInput, result.ExitCode);
        Assert.Contains("999.hea", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void ABrokenHeaderIsABadInputNamingTheLine()
    {
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        File.WriteAllText(record + ".hea", File.ReadAllText(record + ".hea").Replace(" 212 ", " 999 "));

        var result = CliRunner.Run("info", record);

        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("100.hea, line 2: signal format 999 is not supported", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void AHeaderOfManySegmentsShowsItsFirstAndLastRows()
    {
        // #25: a header of 2^20 segments took 47 s and 4.6 GB to tabulate. 2^16 here: the table keeps 40 + 10 rows.
        using var temp = TestData.TempFolder();
        foreach (string ext in new[] { "hea", "dat" }) File.Copy(TestData.FixtureRecord("100") + "." + ext, temp.File("100." + ext));
        const int n = 1 << 16;
        File.WriteAllText(temp.File("many.hea"), $"many/{n} 2 360 {n * 10}\n" + string.Concat(Enumerable.Repeat("100 10\n", n)));
        var result = CliRunner.Run("info", temp.File("many"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Segments: {n}", result.Output);
        Assert.Contains($"{n - 50:N0} more", result.Output);
        Assert.Contains($"{n - 1}", result.Output);                       // the last row
        Assert.Contains($"{(long)(n - 1) * 10:N0}", result.Output);          // its first sample, summed over the others
        Assert.InRange(result.Output.Split('\n').Length, 50, 150);
    }
}
