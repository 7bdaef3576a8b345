using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>Multi-segment records against WFDB 10.7's rdsamp (tests/Fixtures/rdsamp/segments/README.md).</summary>
public sealed class MultiSegmentTests
{
    private static string Record(string name) => TestData.Fixture("rdsamp", "segments", name);

    private static string Expected(string file) => TestData.Fixture("rdsamp", "segments", "expected", file);

    private static int[][] Adc(string file) => RdsampOutput.Signals(Expected(file));

    /// <summary>
    /// Variable layout: a layout header, a segment with both signals (format 212), a gap, a segment with V5 only at
    /// gain 150 and baseline 7 (rescaled to the layout's 200 and 0 as libwfdb's sigmap rounds), a segment with the
    /// signals in the other order.
    /// </summary>
    [Fact]
    public void AVariableLayoutRecordReadsAsRdsamp()
    {
        var header = RecordReader.ReadHeader(Record("ms"));
        Assert.Equal(["MLII", "V5"], header.Signals.Select(s => s.Description));
        Assert.Equal(5, header.Segments!.Count);
        var record = RecordReader.Read(Record("ms"));
        Assert.Equal(Adc("ms.adc.csv"), record.Adc);

        RdsampOutput.AssertPhysical(Expected("ms.physical.csv"), record.Physical);
    }

    /// <summary>A window across the gap and two segments equals rdsamp -f s140 -t s280, and opens only the segments it needs.</summary>
    [Fact]
    public void AWindowReadsOnlyTheSegmentsItOverlaps()
    {
        var opened = new List<string>();
        var window = RecordReader.Read(Record("ms"), 140, 140, path => { opened.Add(Path.GetFileName(path)); return File.OpenRead(path); });
        Assert.Equal(Adc("ms.140-280.adc.csv"), window.Adc);
        Assert.Equal(["seg3.dat", "seg4.dat"], opened);

        opened.Clear();
        RecordReader.Read(Record("ms"), 0, 10, path => { opened.Add(Path.GetFileName(path)); return File.OpenRead(path); });
        Assert.Equal(["seg1.dat"], opened);
    }

    [Fact]
    public void AFixedLayoutRecordReadsAsRdsamp()
    {
        Assert.Equal(Adc("fx.adc.csv"), RecordReader.Read(Record("fx")).Adc);
        Assert.Equal(250, RecordReader.Length(Record("fx")));
    }

    /// <summary>
    /// A stated length that differs from the segments' sum (#25): rdsamp warns and reads to the segments' end when the
    /// stated length is past it (300 stated over 250: 250 rows, not 50 of invalid samples), to the stated length when short of it.
    /// </summary>
    [Fact]
    public void AStatedLengthOtherThanTheSegmentsSumIsWarnedAndReadAsRdsamp()
    {
        var longer = RecordReader.ReadHeader(Record("fxl"));
        Assert.Equal(250, longer.SampleCount);
        Assert.Equal(Adc("fxl.adc.csv"), RecordReader.Read(Record("fxl")).Adc);
        string warning = Assert.Single(longer.Warnings);
        Assert.Contains("fxl.hea: the stated record length (300) does not match the sum of the segment lengths (250)", warning);

        var shorter = RecordReader.ReadHeader(Record("fxs"));
        Assert.Equal(200, shorter.SampleCount);
        Assert.Equal(Adc("fxs.adc.csv"), RecordReader.Read(Record("fxs")).Adc);
        Assert.Contains("the record is read to the stated 200", Assert.Single(shorter.Warnings));

        Assert.Empty(RecordReader.ReadHeader(Record("fx")).Warnings);
    }

    /// <summary>A master header that names itself (or any multi-segment record) as a segment is refused, not followed for ever.</summary>
    [Fact]
    public void ASegmentThatIsItselfMultiSegmentIsRefused()
    {
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("loop.hea"), "loop/2 2 360 20\nseg1 10\nloop 10\n");
        foreach (string file in new[] { "seg1.hea", "seg1.dat" }) File.Copy(Record(file), temp.File(file));
        Assert.Equal(10, RecordReader.Read(temp.File("loop"), 0, 10).Length); // the first segment alone reads
        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(temp.File("loop")));
        Assert.EndsWith("loop.hea", error.File);
        Assert.Contains("itself multi-segment", error.Message);
    }

    [Fact]
    public void ASegmentThatLeavesTheFolderIsRefusedByLine()
    {
        var error = Assert.Throws<WfdbFormatException>(() => HeaderParser.Parse("ms/2 2 360 20\nseg1 10\n../evil 10\n", "ms.hea"));
        Assert.Equal("line 3", error.Where);
        Assert.Contains("not a record beside this header", error.Message);
    }
}
