using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>
/// Signal checksums checked as WFDB 10.7's getvec checks them (#25): rdsamp is silent on every record wrsamp wrote
/// (invalid samples included, which the checksum counts as the format stores them) and on every MIT-BIH record, and
/// says "checksum error in signal 1" for a header whose second checksum was changed by hand
/// (tests/Fixtures/rdsamp/formats/README.md).
/// </summary>
public sealed class ChecksumTests
{
    private static string Record(string name) => TestData.Fixture("rdsamp", "formats", name);

    [Theory]
    [InlineData("f8")]
    [InlineData("f16")]
    [InlineData("f61")]
    [InlineData("f80")]
    [InlineData("f160")]
    [InlineData("f212")]
    [InlineData("f310")]
    [InlineData("f311")]
    [InlineData("f24")]
    [InlineData("f32")]
    [InlineData("g212")]
    [InlineData("g310")]
    [InlineData("g311")]
    public void EveryRecordWrsampWroteHasTheChecksumsItsHeaderStates(string name)
    {
        // Each but f8 (which cannot mark one) holds invalid samples (frames 5 and 7), which the sum counts as the format's
        // stored marker (-2048 in 212), not as the reader's -32768.
        if (name != "f8") Assert.Contains(RecordReader.Read(Record(name)).Adc, s => s.Contains(EcgBeats.Wfdb.Formats.SignalCodecs.InvalidSample));
        Assert.Empty(RecordChecks.Checksums(Record(name)));
        var record = RecordReader.Read(Record(name));
        for (int s = 0; s < record.Header.SignalCount; s++) Assert.Equal(record.Header.Signals[s].Checksum, record.Checksum(s));
    }

    [Fact]
    public void AChangedChecksumIsReportedForThatSignalAlone()
    {
        var mismatch = Assert.Single(RecordChecks.Checksums(Record("badsum")));
        Assert.Equal(1, mismatch.Signal);       // rdsamp: "getvec: checksum error in signal 1"
        Assert.Equal(12345, mismatch.Stated);
        Assert.Equal(-14883, mismatch.Actual);  // what f212.hea, written by wrsamp, states for the same file
        Assert.Equal("getvec: checksum error in signal 1", File.ReadAllText(TestData.Fixture("rdsamp", "formats", "expected", "badsum.stderr.txt")).Trim());
        Assert.Contains("badsum.hea: checksum error in signal 1 (col 1)", RecordChecks.Describe(mismatch, Record("badsum") + ".hea"));
    }

    [Fact]
    public void NoChecksumIsCheckedWhereWfdbChecksNone()
    {
        using var temp = TestData.TempFolder();
        File.Copy(Record("f212") + ".dat", temp.File("f212.dat"));
        // No length in the header: getvec never counts down to the end, so it never checks.
        File.WriteAllText(temp.File("nolen.hea"), "nolen 2 360\nf212.dat 212 200 12 0 -29 1 0 a\nf212.dat 212 200 12 0 -13 2 0 b\n");
        Assert.Empty(RecordChecks.Checksums(temp.File("nolen")));
        // No checksum field: nothing to check.
        File.WriteAllText(temp.File("nosum.hea"), "nosum 2 360 361\nf212.dat 212 200 12 0\nf212.dat 212 200 12 0\n");
        Assert.Empty(RecordChecks.Checksums(temp.File("nosum")));
        // The same wrong checksums with the length stated: both reported.
        File.WriteAllText(temp.File("both.hea"), "both 2 360 361\nf212.dat 212 200 12 0 -29 1 0 a\nf212.dat 212 200 12 0 -13 2 0 b\n");
        Assert.Equal([0, 1], RecordChecks.Checksums(temp.File("both")).Select(m => m.Signal));
    }

    [Fact]
    public void EveryMitBihRecordHasTheChecksumsItsHeaderStates()
    {
        // rdsamp reads all 48 without a checksum error.
        string mitdb = TestData.RequireMitDb();
        foreach (string record in TestData.MitBihRecords)
            Assert.Empty(RecordChecks.Checksums(Path.Combine(mitdb, record)));
    }
}
