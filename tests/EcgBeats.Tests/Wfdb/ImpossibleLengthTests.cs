using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>#25: declared lengths that no record can have are clear refusals, not overflows or internal errors.</summary>
public sealed class ImpossibleLengthTests
{
    [Fact]
    public void SegmentLengthsSummingPast2To63AreRefusedNamingTheHeader()
    {
        using var temp = TestData.TempFolder();
        foreach (string ext in new[] { "hea", "dat" }) File.Copy(TestData.FixtureRecord("100") + "." + ext, temp.File("100." + ext));
        File.WriteAllText(temp.File("big.hea"), "big/2 2 360 0\n100 4000000000000000000\n100 8000000000000000000\n");
        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.ReadHeader(temp.File("big")));
        Assert.Contains("big.hea", error.Message);
        Assert.Contains("add up to more than", error.Message);
    }

    [Fact]
    public void ALengthNoArrayHoldsIsRefusedNamingTheHeader()
    {
        using var temp = TestData.TempFolder();
        foreach (string ext in new[] { "hea", "dat" }) File.Copy(TestData.FixtureRecord("100") + "." + ext, temp.File("100." + ext));
        File.WriteAllText(temp.File("long.hea"), "long/1 2 360 4000000000000000000\n100 4000000000000000000\n");
        var error = Assert.Throws<InvalidInputException>(() => RecordReader.Read(temp.File("long")));
        Assert.Contains("long.hea", error.Message);
        Assert.Contains("more than one read holds", error.Message);
        // A window of it is refused too: its one segment claims 4e18 frames, and 100's own header and file hold 108,000.
        var window = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(temp.File("long"), 0, 360));
        Assert.Contains("segment 100 is 4,000,000,000,000,000,000 frames long here, but its own header and signal files hold 108,000", window.Message);

        // A segment no longer than its own record reads.
        File.WriteAllText(temp.File("fits.hea"), "fits/2 2 360 216000\n100 108000\n100 108000\n");
        Assert.Equal(RecordReader.Read(TestData.FixtureRecord("100"), 0, 360).Adc[0], RecordReader.Read(temp.File("fits"), 108000, 360).Adc[0]);
    }

    [Fact]
    public void NullSignalsThatNoFileBoundsAreRefusedBeyondTheirBudgetAndAWindowStillReads()
    {
        // #25: a 50-byte header declaring 2e9 frames of a null (format 0) signal took 8 GB; 2,000 null signals beside a
        // real file took 3.2 GB.
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("z.hea"), "z 1 360 2000000000\n~ 0 200 12 0 0 0 0 x\n");
        var error = Assert.Throws<InvalidInputException>(() => RecordReader.Read(temp.File("z")));
        Assert.Contains("z.hea: 2,000,000,000 frames of 1 null (format 0) signal(s)", error.Message);
        Assert.All(RecordReader.Read(temp.File("z"), 0, 360).Adc[0], v => Assert.Equal(EcgBeats.Wfdb.Formats.SignalCodecs.InvalidSample, v));

        File.Copy(TestData.FixtureRecord("100") + ".dat", temp.File("100.dat"));
        File.WriteAllText(temp.File("wide.hea"), "wide 2002 360 108000\n100.dat 212 200 11 1024 995 -20101 0 MLII\n100.dat 212 200 11 1024 1011 -20894 0 V5\n"
            + string.Concat(Enumerable.Range(0, 2000).Select(i => $"~ 0 200 12 0 0 0 0 n{i}\n")));
        Assert.Contains("2,000 null (format 0) signal(s)", Assert.Throws<InvalidInputException>(() => RecordReader.Read(temp.File("wide"))).Message);
        var window = RecordReader.Read(temp.File("wide"), 0, 360);
        Assert.Equal(RecordReader.Read(TestData.FixtureRecord("100"), 0, 360).Adc[0], window.Adc[0]);
    }

    [Fact]
    public void GapsThatNoFileBoundsAreRefusedBeyondTheirBudgetAndTheRealSegmentStillReads()
    {
        using var temp = TestData.TempFolder();
        foreach (string ext in new[] { "hea", "dat" }) File.Copy(TestData.FixtureRecord("100") + "." + ext, temp.File("100." + ext));
        File.WriteAllText(temp.File("gap.hea"), "gap/2 2 360 1000108000\n~ 1000000000\n100 108000\n");
        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(temp.File("gap"), 0, 200_000_000));
        Assert.Contains("are gaps (~) that no file holds", error.Message);
        var real = RecordReader.Read(temp.File("gap"), 1_000_000_000, 360);
        Assert.Equal(RecordReader.Read(TestData.FixtureRecord("100"), 0, 360).Adc[0], real.Adc[0]);
    }
}
