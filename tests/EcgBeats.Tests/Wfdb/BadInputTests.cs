using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>Broken files give an error naming the file and the line or byte; never a silently short signal.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void TruncatedSignalFileNamesTheByteWhereItEnds()
    {
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        using (var dat = new FileStream(record + ".dat", FileMode.Open)) dat.SetLength(300000);

        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(record));
        Assert.EndsWith("100.dat", error.File);
        Assert.Equal("byte 300000", error.Where);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("324000 bytes", error.Message);
    }

    [Fact]
    public void AHeaderLengthLongerThanTheFileNamesTheByteAndTheBytesNeeded()
    {
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        File.WriteAllText(record + ".hea", File.ReadAllText(record + ".hea").Replace("100 2 360 108000", "100 2 360 108001"));

        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(record));
        Assert.EndsWith("100.dat", error.File);
        Assert.Equal("byte 324000", error.Where);
        Assert.Contains("324003 bytes", error.Message);
    }

    [Fact]
    public void ARecordOneSampleShortOfItsHeaderIsReadAsFarAsItGoesWhenAskedAsWfdbDoes()
    {
        // WFDB's rdsamp on such a record prints every sample the file holds, warns "getvec: unexpected EOF" and exits 0.
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        File.WriteAllText(record + ".hea", File.ReadAllText(record + ".hea").Replace("100 2 360 108000", "100 2 360 108001"));

        var read = RecordReader.ReadWhatTheFilesHold(record, out string? shortfall);
        Assert.Equal(108_000, read.Length); // 324,000 bytes of format 212: 3 bytes per frame of two samples
        Assert.Equal(RecordReader.Read(TestData.FixtureRecord("100")).Adc[1], read.Adc[1]);
        Assert.NotNull(shortfall);
        Assert.Contains("108001", shortfall);
        Assert.Contains("holds 108000", shortfall);

        RecordReader.ReadWhatTheFilesHold(TestData.FixtureRecord("100"), out string? none);
        Assert.Null(none);
    }

    [Fact]
    public void MalformedSignalLineNamesTheHeaderAndLine()
    {
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        File.WriteAllText(record + ".hea", File.ReadAllText(record + ".hea").Replace("100.dat 212 200 11 1024 1011", "100.dat 212 200 11 ten 1011"));

        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(record));
        Assert.EndsWith("100.hea", error.File);
        Assert.Equal("line 3", error.Where);
        Assert.Contains("ADC zero 'ten'", error.Message);
    }

    [Fact]
    public void UnknownFormatIsNamed()
    {
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        File.WriteAllText(record + ".hea", File.ReadAllText(record + ".hea").Replace(" 212 ", " 999 "));

        var error = Assert.Throws<WfdbFormatException>(() => RecordReader.Read(record));
        Assert.Equal("line 2", error.Where);
        Assert.Contains("format 999 is not supported (supported: 8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524)", error.Message);
    }

    [Fact]
    public void MissingSignalFileIsNamed()
    {
        using var temp = TestData.TempFolder();
        string record = temp.CopyRecord(TestData.FixtureRecord("100"));
        File.Delete(record + ".dat");
        var error = Assert.Throws<FileNotFoundException>(() => RecordReader.Read(record));
        Assert.Contains("100.dat", error.Message);
    }

    [Theory]
    [InlineData(2, "without the end-of-file word")]
    [InlineData(1, "middle of a 2-byte word")]
    public void AnnotationFileThatEndsMidRecordNamesTheByte(int cut, string problem)
    {
        byte[] bytes = File.ReadAllBytes(TestData.FixtureRecord("100") + ".atr");
        var error = Assert.Throws<WfdbFormatException>(() => AnnotationReader.Parse(bytes.AsSpan(0, bytes.Length - cut), "100.atr"));
        Assert.Equal($"byte {bytes.Length - 2}", error.Where);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void AnnotationFileThatEndsInsideAuxDataIsAnError()
    {
        // The first annotation of 100.atr is a rhythm change with 3 aux bytes "(N\0" at bytes 4..6.
        byte[] bytes = File.ReadAllBytes(TestData.FixtureRecord("100") + ".atr");
        var error = Assert.Throws<WfdbFormatException>(() => AnnotationReader.Parse(bytes.AsSpan(0, 5), "100.atr"));
        Assert.Equal("byte 4", error.Where);
        Assert.Contains("aux data", error.Message);
    }

    [Fact]
    public void AnnotationFileThatEndsInsideASkipIsAnError()
    {
        byte[] bytes = AnnotationWriter.Encode([new Annotation(5000, 1)]);
        var error = Assert.Throws<WfdbFormatException>(() => AnnotationReader.Parse(bytes.AsSpan(0, 4), "skip.atr"));
        Assert.Contains("SKIP", error.Message);
    }
}
