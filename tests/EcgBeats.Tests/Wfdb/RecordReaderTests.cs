using System.Globalization;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

public sealed class RecordReaderTests
{
    public static TheoryData<string> AllRecords() => new(TestData.MitBihRecords);

    [Theory]
    [MemberData(nameof(AllRecords))]
    public void FirstSampleAndChecksumOfEverySignalMatchTheHeader(string record)
    {
        string path = Path.Combine(TestData.RequireMitDb(), record);
        var data = RecordReader.Read(path);

        Assert.Equal(650000, data.Length);
        for (int s = 0; s < data.Header.SignalCount; s++)
        {
            var spec = data.Header.Signals[s];
            Assert.Equal(spec.InitialValue, data.Adc[s][0]);
            Assert.Equal(spec.Checksum, data.Checksum(s));
        }
    }

    /// <summary>
    /// The records WFDB's xform made at 250 and 128 Hz, with hand-edited lead names and gain 0 (tests/Fixtures/other-rates;
    /// CRLF headers, as xform writes them, with a counter frequency). The expected values are WFDB 10.7's
    /// <c>rdsamp -r R -f s1000 -t s1001</c> and <c>rdsamp -r R -p -f s1000 -t s1001</c>, and <c>rdsamp -c</c>'s last row.
    /// </summary>
    [Theory]
    [InlineData("x100", 250, 74999, "D3", "V5", 973, 973, -0.255, -0.255, 968, 980)]
    [InlineData("x208", 128, 38400, "ECG1", "ECG2", 834, 1165, -0.950, 0.705, 987, 1064)]
    public void RecordsXformMadeAtOtherRatesReadAsRdsampReadsThem(string record, int rate, int length, string lead0, string lead1,
        int adc0, int adc1, double mv0, double mv1, int last0, int last1)
    {
        var data = RecordReader.Read(TestData.Fixture("other-rates", record));
        Assert.Equal(rate, data.SamplingFrequency);
        Assert.Equal(length, data.Length);
        Assert.Equal([lead0, lead1], data.Header.Signals.Select(s => s.Description));
        Assert.Equal((adc0, adc1), (data.Adc[0][1000], data.Adc[1][1000]));
        Assert.Equal(mv0, data.Physical(0)[1000], 3);
        Assert.Equal(mv1, data.Physical(1)[1000], 3);
        Assert.Equal((last0, last1), (data.Adc[0][length - 1], data.Adc[1][length - 1]));
        for (int s = 0; s < 2; s++) Assert.Equal(data.Header.Signals[s].Checksum, data.Checksum(s));
    }

    [Theory]
    [InlineData("100")]
    [InlineData("208")]
    [InlineData("217")]
    [InlineData("232")]
    public void FixturesVerifyAgainstTheirHeaders(string record)
    {
        var data = RecordReader.Read(TestData.FixtureRecord(record));
        Assert.Equal(108000, data.Length);
        for (int s = 0; s < data.Header.SignalCount; s++)
        {
            Assert.Equal(data.Header.Signals[s].InitialValue, data.Adc[s][0]);
            Assert.Equal(data.Header.Signals[s].Checksum, data.Checksum(s));
        }
    }

    [Fact]
    public void PhysicalUnitsMatchAnIndependentNumPyConversion()
    {
        // record 100, channel 0, samples 0..3599 in mV, from NumPy: (adc - 1024) / 200.
        double[] reference = File.ReadAllLines(TestData.Fixture("reference", "record100_ch0_0-3599_mv.csv"))
            .Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var data = RecordReader.Read(TestData.FixtureRecord("100"), 0, reference.Length);
        double[] mv = data.Physical(0);
        Assert.Equal(reference.Length, mv.Length);
        for (int i = 0; i < mv.Length; i++)
            Assert.True(Math.Abs(reference[i] - mv[i]) < 1e-9, $"sample {i}: {mv[i]} mV, NumPy {reference[i]} mV");
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 1)]
    [InlineData(12345, 1000)]
    [InlineData(107999, 1)]
    [InlineData(54321, 53679)]
    public void AWindowEqualsTheSameSamplesOfTheWholeRecord(long start, long length)
    {
        string path = TestData.FixtureRecord("208");
        var whole = RecordReader.Read(path);
        var window = RecordReader.Read(path, start, length);
        Assert.Equal(start, window.Start);
        for (int s = 0; s < 2; s++)
            Assert.Equal(whole.Adc[s].AsSpan((int)start, (int)length).ToArray(), window.Adc[s]);
    }

    [Fact]
    public void AWindowReadsOnlyTheBytesThatHoldIt()
    {
        string path = TestData.FixtureRecord("100");
        long bytesRead = 0;
        var window = RecordReader.Read(path, 50001, 360, file => new CountingStream(File.OpenRead(file), n => bytesRead += n));
        Assert.Equal(360, window.Length);
        // 360 frames x 2 signals x 1.5 bytes, plus at most one 3-byte group for alignment.
        Assert.InRange(bytesRead, 1080, 1083);
        Assert.True(bytesRead < new FileInfo(path + ".dat").Length / 100);
    }

    [Theory]
    [InlineData("f8", 722)]      // format 8, 361 frames x 2 signals: each byte read once
    [InlineData("skew8", null)]  // format 8 with skew: every window is summed from the start, as before (still equal to rdsamp)
    [InlineData("f212", 1083)]   // not a difference format: windows read only their own bytes, each group once
    public void SequentialWindowsEqualRdsampAndReadFormat8Once(string name, int? bytesExpected)
    {
        string path = TestData.Fixture("rdsamp", "formats", name);
        var expected = RdsampOutput.Signals(TestData.Fixture("rdsamp", "formats", "expected", name + ".adc.csv"));
        long bytesRead = 0;
        long total = RecordReader.Length(path);                  // 361 frames; skew8's skewed signal ends 2 frames early
        Assert.Equal(expected[0].Length, total);
        var windows = RecordReader.ReadWindows(path, 0, total, 7, openRead: file => new CountingStream(File.OpenRead(file), n => bytesRead += n)).ToList();

        Assert.Equal((total + 6) / 7, windows.Count);            // f8: 51 windows of 7 frames and one of 4
        Assert.Equal(Enumerable.Range(0, windows.Count).Select(w => 7L * w), windows.Select(w => w.Start));
        for (int s = 0; s < expected.Length; s++)
            Assert.Equal(expected[s], windows.SelectMany(w => w.Adc[s]).ToArray());
        if (bytesExpected is int b) Assert.Equal(b, bytesRead);
        // Reading the same windows one by one sums format 8 from the start each time: 52 windows, about 26 times the file.
        long independent = 0;
        for (long at = 0; at < total; at += 7)
            RecordReader.Read(path, at, Math.Min(7, total - at), file => new CountingStream(File.OpenRead(file), n => independent += n));
        if (name == "f8") Assert.True(independent > 20 * bytesRead, $"{independent} bytes one by one vs {bytesRead} in sequence");
    }

    [Fact]
    public void AWindowOutsideTheRecordIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordReader.Read(TestData.FixtureRecord("100"), 107990, 20));
    }

    [Fact]
    public void RecordWriterRoundTripsFormat16()
    {
        using var temp = TestData.TempFolder();
        var source = RecordReader.Read(TestData.FixtureRecord("217"), 1000, 5000);
        var as16 = new WfdbRecord(
            source.Header with { Signals = source.Header.Signals.Select(s => s with { Format = 16, FileName = "x.dat" }).ToList() },
            0, source.Adc);
        RecordWriter.Write(temp.Path, "copy16", as16);

        var back = RecordReader.Read(temp.File("copy16"));
        Assert.Equal(16, back.Header.Signals[0].Format);
        Assert.Equal(source.Adc, back.Adc);
        Assert.Equal(5000 * 2 * 2, new FileInfo(temp.File("copy16.dat")).Length);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("208")]
    [InlineData("217")]
    [InlineData("232")]
    public void FixturesEqualTheStartOfTheOriginalRecords(string record)
    {
        string original = Path.Combine(TestData.RequireMitDb(), record);
        var fixture = RecordReader.Read(TestData.FixtureRecord(record));
        var start = RecordReader.Read(original, 0, fixture.Length);
        Assert.Equal(start.Adc, fixture.Adc);
        Assert.Equal(start.Header.Comments, fixture.Header.Comments);

        var expected = AnnotationReader.ReadFile(original + ".atr").Where(a => a.Sample < fixture.Length).ToList();
        Assert.Equal(expected, AnnotationReader.ReadFile(TestData.FixtureRecord(record) + ".atr"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void OddSignalCountsSurviveWriteAndWindowedReadAcrossChunks(int signals)
    {
        // 3 x 50,001 values in format 212 is an odd count: the last group is 2 bytes.
        using var temp = TestData.TempFolder();
        var source = RecordReader.Read(TestData.FixtureRecord("232"), 0, 50001);
        int[][] adc = Enumerable.Range(0, signals).Select(s => source.Adc[s % 2].Select(v => v - 7 * s).ToArray()).ToArray();
        var spec = source.Header.Signals[0];
        var header = source.Header with { Signals = Enumerable.Range(0, signals).Select(s => spec with { Description = $"S{s}" }).ToList() };
        RecordWriter.Write(temp.Path, "odd", new WfdbRecord(header, 0, adc));

        Assert.Equal((signals * 50001L * 3 + 1) / 2, new FileInfo(temp.File("odd.dat")).Length);
        var whole = RecordReader.Read(temp.File("odd"));
        Assert.Equal(adc, whole.Adc);
        foreach (var (start, length) in new[] { (1L, 50000L), (33333L, 16668L), (50000L, 1L) })
        {
            var window = RecordReader.Read(temp.File("odd"), start, length);
            for (int s = 0; s < signals; s++)
                Assert.Equal(adc[s].AsSpan((int)start, (int)length).ToArray(), window.Adc[s]);
        }
    }

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            counted(n);
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
