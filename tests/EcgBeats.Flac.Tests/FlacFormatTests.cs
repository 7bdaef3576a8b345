using EcgBeats.Flac;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Flac.Tests;

/// <summary>
/// WFDB's FLAC formats against WFDB 10.7's rdsamp (built with libFLAC; tests/Fixtures/rdsamp/flac/README.md). Where this
/// machine has no libFLAC, the decoding tests are skipped and the missing library must be named instead.
/// </summary>
public sealed class FlacFormatTests
{
    static FlacFormatTests() => FlacSupport.Register();

    private static string Record(string name) => TestData.Fixture("rdsamp", "flac", name);

    private static int[][] Adc(string file) => RdsampOutput.Signals(TestData.Fixture("rdsamp", "flac", "expected", file));

    /// <summary>Whether the decoder's own search finds libFLAC here.</summary>
    private static bool HaveLibFlac()
    {
        try { return LibFlac.Load("test", null) != IntPtr.Zero; }
        catch (InvalidInputException) { return false; }
    }

    private static void RequireLibFlac() => Assert.SkipUnless(HaveLibFlac(), "libFLAC is not installed here (apt install libflac12)");

    [Theory]
    [InlineData("f508")]
    [InlineData("f516")]
    [InlineData("f524")]
    public void EveryFlacFormatReadsAsRdsamp(string name)
    {
        RequireLibFlac();
        var expected = Adc(name + ".adc.csv");
        Assert.Equal(expected, RecordReader.Read(Record(name)).Adc);
        // Windows from inside the stream: libFLAC seeks, WFDB-style.
        foreach (var (start, length) in new[] { (5L, 3L), (100L, 261L), (360L, 1L) })
            Assert.Equal(expected.Select(s => s.AsSpan((int)start, (int)length).ToArray()), RecordReader.Read(Record(name), start, length).Adc);
    }

    [Fact]
    public void PhysicalUnitsOf24BitFlacEqualRdsamp()
    {
        RequireLibFlac();
        var record = RecordReader.Read(Record("f524"));
        RdsampOutput.AssertPhysical(TestData.Fixture("rdsamp", "flac", "expected", "f524.physical.csv"), record.Physical);
    }

    [Fact]
    public void SamplesPerFrameInAFlacFileReadAsRdsampInBothResolutions()
    {
        RequireLibFlac();
        Assert.Equal(Adc("spf516.adc.csv"), RecordReader.Read(Record("spf516")).Adc);
        Assert.Equal(Adc("spf516.high.adc.csv"), RecordReader.Read(Record("spf516"), 0, null, rate: SignalRate.HighestRate).Adc);
    }

    /// <summary>30 s of MIT-BIH 100 written as format 516: equal to the same samples read from the format-212 original, and a seek far into it equals rdsamp.</summary>
    [Fact]
    public void ALongerStreamEqualsTheOriginalRecordAndSeeksAcrossBlocks()
    {
        RequireLibFlac();
        var flac = RecordReader.Read(Record("long516"));
        Assert.Equal(10800, flac.Length);
        Assert.Equal(RecordReader.Read(TestData.FixtureRecord("100"), 0, 10800).Adc, flac.Adc);
        Assert.Equal(Adc("long516.5000-5010.adc.csv"), RecordReader.Read(Record("long516"), 5000, 10).Adc);
    }

    /// <summary>No libFLAC: the error says which file needed it, what was tried and how to install it (exit 65 in the tool).</summary>
    [Fact]
    public void AMissingLibFlacIsNamed()
    {
        var error = Assert.Throws<InvalidInputException>(() => LibFlac.Load("f516.dat (WFDB format 516, FLAC-compressed)", "/nonexistent/libFLAC.so.12"));
        Assert.Contains("f516.dat (WFDB format 516, FLAC-compressed) needs the libFLAC library, which was not found (tried /nonexistent/libFLAC.so.12)", error.Message);
        Assert.Contains("apt install libflac12", error.Message);
        if (!HaveLibFlac()) // and where it is really absent, reading a FLAC record says so
            Assert.Contains("needs the libFLAC library", Assert.Throws<InvalidInputException>(() => RecordReader.Read(Record("f516"))).Message);
    }

    [Fact]
    public void ADamagedStreamNamesTheFile()
    {
        RequireLibFlac();
        using var temp = TestData.TempFolder();
        File.Copy(Record("long516") + ".hea", temp.File("long516.hea"));
        byte[] bytes = File.ReadAllBytes(Record("long516") + ".dat");
        File.WriteAllBytes(temp.File("long516.dat"), bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(temp.File("long516")));
        Assert.EndsWith("long516.dat", error.File);
    }

    [Fact]
    public void AStreamClaimingMoreSamplesThanItsBytesHoldIsRefused()
    {
        // #25: a 42-byte FLAC file (marker and stream info only) claiming 2e9 samples was believed and allocated.
        RequireLibFlac();
        using var temp = TestData.TempFolder();
        byte[] head = File.ReadAllBytes(Record("long516") + ".dat")[..42]; // "fLaC", the STREAMINFO block header, its 34 bytes
        head[4] |= 0x80;                                                   // the last metadata block: no audio frames follow
        ulong info = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(head.AsSpan(18));
        info = (info & ~((1UL << 36) - 1)) | 2_000_000_000UL;              // total samples: the low 36 bits (FLAC format spec)
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(head.AsSpan(18), info);
        File.WriteAllBytes(temp.File("zz.dat"), head);
        File.WriteAllText(temp.File("zz.hea"), "zz 2 360\nzz.dat 516 200 16 0 0 0 0 a\nzz.dat 516 200 16 0 0 0 0 b\n");
        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(temp.File("zz")));
        Assert.EndsWith("zz.dat", error.File);
        Assert.Contains("claims 2,000,000,000 samples per channel, more than its 42 bytes can hold", error.Message);
    }
}
