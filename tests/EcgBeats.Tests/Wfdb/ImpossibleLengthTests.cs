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

    [Fact]
    public void AFileOfEmptyNoteWordsIsRefusedPastTheCapAndReadBelowItInBoundedMemory()
    {
        // #25: 10 MB of NOTE words (code 22, 2 bytes each) took 550-810 MB; 100 MB exhausted memory.
        static byte[] Notes(int count)
        {
            var bytes = new byte[2 * count + 2];
            for (int i = 0; i < count; i++) { bytes[2 * i] = 1; bytes[2 * i + 1] = 22 << 2; } // code 22, one sample after the last
            return bytes;                                                                     // then the end word 0x0000
        }
        byte[] over = Notes(AnnotationReader.MaxAnnotations + 1);
        var error = Assert.Throws<WfdbFormatException>(() => AnnotationReader.Parse(over, "notes.atr"));
        Assert.Contains("notes.atr", error.Message);
        Assert.Contains($"byte {2L * AnnotationReader.MaxAnnotations}", error.Message);   // where the one too many starts
        Assert.Contains("more than 4,194,304 annotations", error.Message);

        // 1 MB of them (524,288 annotations) reads, every one a NOTE, in memory a small multiple of the file's size:
        // about 64 bytes each, not two copies of the list (the table step used to copy it).
        byte[] mb = Notes(1 << 19);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var annotations = AnnotationReader.Parse(mb, "notes.atr");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1 << 19, annotations.Count);
        Assert.All(annotations, a => Assert.Equal(AnnotationCodes.Note, a.Code));
        Assert.Equal(1L << 19, annotations[^1].Sample);
        Assert.InRange(allocated, 0, 100L << 20);
    }
}
