using EcgBeats.TestSupport;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Tests.Wfdb;

/// <summary>
/// Every signal format and header feature against WFDB 10.7's own <c>rdsamp</c> (records made with <c>wrsamp</c> and
/// hand-edited headers; tests/Fixtures/rdsamp/formats/README.md has the commands).
/// </summary>
public sealed class WfdbFeatureTests
{
    private static string Record(string name) => TestData.Fixture("rdsamp", "formats", name);

    private static string Expected(string file) => TestData.Fixture("rdsamp", "formats", "expected", file);

    private static int[][] ExpectedAdc(string file) => RdsampOutput.Signals(Expected(file));

    public static TheoryData<string> FormatRecords() => new(
        "f8", "f16", "f61", "f80", "f160", "f212", "f310", "f311", "f24", "f32", "g212", "g310", "g311");

    /// <summary>Every format, whole record: the integers rdsamp prints (invalid samples as -32768), exactly.</summary>
    [Theory]
    [MemberData(nameof(FormatRecords))]
    public void EveryFormatReadsAsRdsamp(string name)
    {
        var record = RecordReader.Read(Record(name));
        var expected = ExpectedAdc(name + ".adc.csv");
        Assert.Equal(361, expected[0].Length);
        Assert.Equal(expected, record.Adc);
    }

    /// <summary>Windows at every offset within a packed group, and format 8's running sum, give the same samples.</summary>
    [Theory]
    [MemberData(nameof(FormatRecords))]
    public void EveryWindowOfEveryFormatEqualsTheWholeRecord(string name)
    {
        var expected = ExpectedAdc(name + ".adc.csv");
        foreach (var (start, length) in new[] { (0L, 1L), (1L, 5L), (2L, 7L), (100L, 261L), (359L, 2L), (360L, 1L), (361L, 0L) })
        {
            var window = RecordReader.Read(Record(name), start, length);
            Assert.Equal(start, window.Start);
            Assert.Equal(expected.Select(s => s.AsSpan((int)start, (int)length).ToArray()), window.Adc);
        }
    }

    /// <summary>Physical units as rdsamp -p -P prints them (8 decimals), invalid samples as NaN ("-").</summary>
    [Theory]
    [InlineData("f8")]
    [InlineData("f80")]
    [InlineData("f24")]
    [InlineData("f32")]
    [InlineData("f310")]
    public void PhysicalUnitsEqualRdsamp(string name)
    {
        var record = RecordReader.Read(Record(name));
        RdsampOutput.AssertPhysical(Expected(name + ".physical.csv"), record.Physical);
    }

    /// <summary>
    /// A skew on a signal with several samples per frame counts that signal's samples, rounded to frames as WFDB does
    /// (<c>16x3:5</c>: (int)(5 / 3 + 0.5) = 2 frames), not frames (#25: 5 frames lost 3 more than rdsamp).
    /// </summary>
    [Fact]
    public void ASkewInSamplesOfASignalWithSeveralPerFrameIsRoundedToFramesAsRdsamp()
    {
        var low = RecordReader.Read(Record("skewspf"));
        Assert.Equal(ExpectedAdc("skewspf.adc.csv"), low.Adc);
        Assert.Equal(178, low.Frames);
        Assert.Equal(2, low.Header.Signals[0].Skew);
        var high = RecordReader.Read(Record("skewspf"), 0, null, rate: SignalRate.HighestRate);
        Assert.Equal(ExpectedAdc("skewspf.high.adc.csv"), high.Adc);
        // Written back, the header gives the skew in samples again, as WFDB's setheader does (2 frames x 3).
        Assert.Equal("16x3:6", low.Header.Signals[0].FormatField);
    }

    /// <summary>Samples per frame: averaged per frame by default (rdsamp), expanded with HighestRate (rdsamp -H), or each at its own rate.</summary>
    [Theory]
    [InlineData("spf", 3)]
    [InlineData("spf212", 2)]
    public void SamplesPerFrameReadAsRdsampInBothResolutions(string name, int spf)
    {
        var low = RecordReader.Read(Record(name));
        Assert.Equal(ExpectedAdc(name + ".adc.csv"), low.Adc);
        Assert.Equal(180, low.SamplingFrequency);

        var high = RecordReader.Read(Record(name), 0, null, rate: SignalRate.HighestRate);
        Assert.Equal(ExpectedAdc(name + ".high.adc.csv"), high.Adc);
        Assert.Equal(180 * spf, high.SamplingFrequency);

        // Own rate: signal 0 holds spf samples per frame, which HighestRate gives unchanged; signal 1 one per frame.
        var own = RecordReader.Read(Record(name), 0, null, rate: SignalRate.OwnRate);
        Assert.Equal(high.Adc[0], own.Adc[0]);
        Assert.Equal(low.Adc[1], own.Adc[1]);
        Assert.Equal(180.0 * spf, own.SignalFrequency(0));

        // A window that starts inside a packed group of format 212 (3 values per frame).
        var window = RecordReader.Read(Record(name), 7, 11, rate: SignalRate.HighestRate);
        Assert.Equal(high.Adc.Select(a => a.AsSpan(7 * spf, 11 * spf).ToArray()), window.Adc);
    }

    [Fact]
    public void HighResolutionPhysicalUnitsEqualRdsamp()
    {
        var high = RecordReader.Read(Record("spf"), 0, null, rate: SignalRate.HighestRate);
        RdsampOutput.AssertPhysical(Expected("spf.high.physical.csv"), high.Physical);
    }

    /// <summary>
    /// Skew (sample t of a skewed signal is in frame t + skew; the record ends where the skewed signal's file does),
    /// in a packed and a difference format; the same file on non-adjacent lines (separate groups, each reading it from
    /// its start); length 0 (unknown: read to the end); a length shorter than the file (the declared part, as
    /// <c>rdsamp -t e</c>).
    /// </summary>
    [Theory]
    [InlineData("skew", 358)]
    [InlineData("skew8", 359)]
    [InlineData("groups", 361)]
    [InlineData("len0", 361)]
    [InlineData("short", 100)]
    public void HeaderFeaturesReadAsRdsamp(string name, int length)
    {
        var record = RecordReader.Read(Record(name));
        var expected = ExpectedAdc(name + ".adc.csv");
        Assert.Equal(length, expected[0].Length);
        Assert.Equal(length, RecordReader.Length(Record(name)));
        Assert.Equal(expected, record.Adc);
        var window = RecordReader.Read(Record(name), 3, length - 5);
        Assert.Equal(expected.Select(s => s.AsSpan(3, length - 5).ToArray()), window.Adc);
    }

    /// <summary>Every format survives write and read, partial last groups included, and matches the bytes WFDB's wrsamp wrote.</summary>
    [Theory]
    [MemberData(nameof(FormatRecords))]
    public void TheWriterWritesWhatWrsampWrote(string name)
    {
        using var temp = TestData.TempFolder();
        var source = RecordReader.Read(Record(name));
        RecordWriter.Write(temp.Path, "copy", source);
        Assert.Equal(source.Adc, RecordReader.Read(temp.File("copy")).Adc);
        Assert.Equal(File.ReadAllBytes(Record(name) + ".dat"), File.ReadAllBytes(temp.File("copy.dat")));
    }

    [Fact]
    public void TheWriterRefusesSamplesTheFormatCannotHold()
    {
        using var temp = TestData.TempFolder();
        var source = RecordReader.Read(Record("f16"));
        var as80 = new WfdbRecord(source.Header with { Signals = source.Header.Signals.Select(s => s with { Format = 80 }).ToList() }, 0,
            source.Adc.Select(a => a.Select(v => v == SignalCodecs.InvalidSample ? v : v * 10).ToArray()).ToArray());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RecordWriter.Write(temp.Path, "x", as80));
        Assert.Contains("does not fit in 8 bits", error.Message);
        Assert.Empty(Directory.EnumerateFiles(temp.Path));
    }

    /// <summary>The core reads FLAC headers but not their samples: without the EcgBeats.Flac package the error says what to add.</summary>
    [Fact]
    public void AFlacRecordWithoutTheFlacPackageSaysWhatItNeeds()
    {
        Assert.Equal(516, RecordReader.ReadHeader(TestData.Fixture("rdsamp", "flac", "f516")).Signals[0].Format);
        var error = Assert.Throws<InvalidInputException>(() => RecordReader.Read(TestData.Fixture("rdsamp", "flac", "f516")));
        Assert.Contains("format 516 is FLAC-compressed; reading it needs the EcgBeats.Flac package", error.Message);
    }
}
