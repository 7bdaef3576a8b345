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
        Assert.Equal(360, RecordReader.Read(temp.File("long"), 0, 360).Length); // a window of it still reads
    }
}
