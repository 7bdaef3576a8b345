using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

public sealed class HeaderParserTests
{
    [Fact]
    public void ParsesPhysioNetsOwnHeaderWithCrlfLineEnds()
    {
        string path = TestData.Fixture("headers", "100-physionet.hea");
        Assert.Contains("\r\n", File.ReadAllText(path));

        var header = HeaderParser.ReadFile(path);

        Assert.Equal("100", header.RecordName);
        Assert.Equal(360, header.SamplingFrequency);
        Assert.Equal(650000, header.SampleCount);
        Assert.Equal(2, header.SignalCount);
        var mlii = header.Signals[0];
        Assert.Equal(new SignalSpec("100.dat", 212, 0, 200, 1024, "mV", 11, 1024, 995, -22131, 0, "MLII"), mlii);
        Assert.Equal("V5", header.Signals[1].Description);
        Assert.Equal(1011, header.Signals[1].InitialValue);
        Assert.Equal(["69 M 1085 1629 x1", "Aldomet, Inderal"], header.Comments);
        Assert.Equal(650000 / 360.0, header.DurationSeconds);
    }

    [Fact]
    public void LfAndCrlfLineEndsParseAlike()
    {
        string crlf = File.ReadAllText(TestData.Fixture("headers", "100-physionet.hea"));
        var a = HeaderParser.Parse(crlf, "crlf");
        var b = HeaderParser.Parse(crlf.Replace("\r\n", "\n"), "lf");
        Assert.Equal(a.Signals, b.Signals);
        Assert.Equal(a.Comments, b.Comments);
        Assert.Equal(a with { Signals = [], Comments = [] }, b with { Signals = [], Comments = [] });
    }

    [Fact]
    public void OmittedFieldsTakeTheWfdbDefaults()
    {
        var header = HeaderParser.Parse("rec 1\nrec.dat 16\n", "minimal.hea");
        Assert.Equal(250, header.SamplingFrequency);
        Assert.Null(header.SampleCount);
        var s = header.Signals[0];
        Assert.Equal(200, s.Gain);
        Assert.Equal("mV", s.Units);
        Assert.Equal(12, s.AdcResolution); // WFDB_DEFRES: wfdbdesc says "ADC resolution: 12 bits" for this header
        Assert.Equal(1, s.SamplesPerFrame);
        Assert.Equal(0, s.Skew);
        Assert.Equal(0, s.Baseline);
        Assert.Null(s.Checksum);
        Assert.Equal("", s.Description);
    }

    [Fact]
    public void SamplesPerFrameSkewAndOffsetTogether()
    {
        var header = HeaderParser.Parse("rec 2 125 0\nrec.dat 16x4:3+512 200\nrec.dat 16 200\n", "mf.hea");
        Assert.Null(header.SampleCount); // 0: unknown
        // The skew counts samples of the signal; WFDB's readheader rounds it to frames: (int)(3 / 4 + 0.5) = 1.
        Assert.Equal((4, 1, 512L), (header.Signals[0].SamplesPerFrame, header.Signals[0].Skew, header.Signals[0].ByteOffset));
        Assert.Equal(500, header.SignalFrequency(0));
        Assert.Equal(125, header.SignalFrequency(1));
        Assert.Equal(4, header.MaxSamplesPerFrame);
        Assert.Contains("rec.dat 16x4:4+512 200", HeaderWriter.Format(header)); // 1 frame, written in samples as setheader does
    }

    [Fact]
    public void GainWithBaselineUnitsOffsetTimeDateAndSpacedDescription()
    {
        var header = HeaderParser.Parse(
            "rec 1 500/1000(3) 1000 12:30:15.5 25/12/1999\n# first\nrec.dat 16+512 1000(-5)/uV 16 0 7 123 0 chest lead two\n# second\n",
            "full.hea");
        Assert.Equal(500, header.SamplingFrequency);
        Assert.Equal(new TimeSpan(0, 12, 30, 15, 500), header.BaseTime);
        Assert.Equal(new DateOnly(1999, 12, 25), header.BaseDate);
        var s = header.Signals[0];
        Assert.Equal(512, s.ByteOffset);
        Assert.Equal(1000, s.Gain);
        Assert.Equal(-5, s.Baseline);
        Assert.Equal("uV", s.Units);
        Assert.Equal((short)123, s.Checksum);
        Assert.Equal("chest lead two", s.Description);
        Assert.Equal(["first", "second"], header.Comments);
    }

    [Theory]
    [InlineData("rec 1 360 100\nrec.dat 212 abc 11 1024 0 0 0 I\n", "line 2", "gain 'abc'")]
    [InlineData("rec 2 360 100\nrec.dat 311x2:1 200 11 1024 0 0 0 I\nrec.dat 509\n", "line 3", "format 509 is not supported")]
    [InlineData("rec 1 360 100\nrec.dat\n", "line 2", "expected 'file format")]
    [InlineData("rec 1 360 100\nrec.dat 212 200 eleven 1024\n", "line 2", "ADC resolution 'eleven'")]
    [InlineData("# c\nrec/3 1 360 100\n", "line 2", "announces 3 segments but only 0")]
    [InlineData("rec/x 1 360 100\n", "line 1", "multi-segment record line")]
    [InlineData("rec/2 1 360 100\nseg1 10\nseg2 0\n", "line 3", "only the first segment")]
    [InlineData("rec two 360\n", "line 1", "number of signals")]
    [InlineData("rec 2 360 100\nrec.dat 212\n", "line 2", "announces 2 signals but only 1")]
    [InlineData("rec 1 -5 100\nrec.dat 212\n", "line 1", "sampling frequency")]
    [InlineData("rec 1 360 100\nrec.dat 212x0 200\n", "line 2", "samples per frame '0'")]
    [InlineData("rec 1 360 100\nrec.dat 212x99999999999 200\n", "line 2", "samples per frame '99999999999'")]
    [InlineData("rec 1 360 100\nrec.dat 16:99999999999 200\n", "line 2", "skew '99999999999'")]
    [InlineData("", null, "no record line")]
    public void MalformedHeadersNameTheFileTheLineAndTheProblem(string text, string? where, string problem)
    {
        var error = Assert.Throws<WfdbFormatException>(() => HeaderParser.Parse(text, "bad.hea"));
        Assert.Equal("bad.hea", error.File);
        Assert.Equal(where, error.Where);
        Assert.Contains(problem, error.Message);
    }
}
