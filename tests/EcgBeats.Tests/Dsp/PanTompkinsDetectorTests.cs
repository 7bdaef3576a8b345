using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Metrics;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Dsp;

/// <summary>
/// The Pan–Tompkins detector against the cardiologists' reference beats of real records, matched within
/// EC57's 150 ms. The anchor is the paper's 99.3% Se and 99.5% +P over the whole database.
/// </summary>
public sealed class PanTompkinsDetectorTests
{
    private static readonly PanTompkins1985Detector Detector = new();

    /// <summary>Detections against reference annotations, whole records of <paramref name="length"/> samples (flutter episodes are left out of the count, as EC57 says).</summary>
    internal static BeatComparison Score(string name, IReadOnlyList<Annotation> reference, IReadOnlyList<long> detected, double fs, long length) =>
        BeatByBeatComparator.Compare(name, reference,
            detected.Select(s => new Annotation(s, AnnotationCodes.Code("N"))).ToList(),
            fs, new BeatComparisonOptions(StartSeconds: 0), length);

    internal static IReadOnlyList<Annotation> Reference(string recordPath) => AnnotationReader.ReadFile(recordPath + ".atr");

    private static long[] ReferenceBeats(string recordPath) =>
        Reference(recordPath).Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();

    [Theory]
    [InlineData("100")]
    [InlineData("208")] // frequent PVCs and fusion beats
    [InlineData("217")] // paced
    [InlineData("232")] // long pauses
    public void FindsTheReferenceBeatsOfEachFixtureRecord(string name)
    {
        string path = TestData.FixtureRecord(name);
        var record = RecordReader.Read(path);
        var detected = Detector.Detect(record.Physical(0), record.SamplingFrequency);

        var score = Score(name, Reference(path), detected, record.SamplingFrequency, record.Length);
        Assert.True(score.QrsSensitivity >= 99.5, $"{name}: Se {score.QrsSensitivity:0.00}% ({score.QrsFalseNegatives} missed)");
        Assert.True(score.QrsPositivePredictivity >= 99.5, $"{name}: +P {score.QrsPositivePredictivity:0.00}% ({score.QrsFalsePositives} extra)");
    }

    [Theory]
    [InlineData(128)]
    [InlineData(250)]
    [InlineData(500)]
    [InlineData(1000)]
    public void WorksAtOtherSamplingRates(int rate)
    {
        // The record resampled (SciPy-equivalent polyphase), its reference beats moved to the new rate.
        string path = TestData.FixtureRecord("208");
        var record = RecordReader.Read(path);
        double[] x = new PolyphaseResampler(360, rate).Apply(record.Physical(0));
        var reference = Reference(path).Select(a => a with { Sample = (long)Math.Round(a.Sample * rate / 360.0) }).ToList();

        var detected = Detector.Detect(x, rate);

        var score = Score("208", reference, detected, rate, x.Length);
        Assert.True(score.QrsSensitivity >= 99.0, $"{rate} Hz: Se {score.QrsSensitivity:0.00}%");
        Assert.True(score.QrsPositivePredictivity >= 99.0, $"{rate} Hz: +P {score.QrsPositivePredictivity:0.00}%");
    }

    [Fact]
    public void PlacesBeatsWhereTheAnnotatorsDid()
    {
        // The beat cut starts at the detected peak, so its place matters, not only its detection.
        string path = TestData.FixtureRecord("100");
        var record = RecordReader.Read(path);
        var detected = Detector.Detect(record.Physical(0), record.SamplingFrequency);
        long[] reference = ReferenceBeats(path);
        var offsets = reference.Select(r => detected.Select(d => Math.Abs(d - r)).Min()).ToList();
        Assert.True(offsets.Count(o => o <= 3) >= 0.95 * offsets.Count, $"within 3 samples: {offsets.Count(o => o <= 3)} of {offsets.Count}");
    }

    [Fact]
    public void GrossRatesOverTheWholeDatabaseMatchThePaper()
    {
        string dir = TestData.RequireMitDb();
        var scores = TestData.MitBihRecords.AsParallel().Select(name =>
        {
            string path = Path.Combine(dir, name);
            var record = RecordReader.Read(path);
            return Score(name, Reference(path), Detector.Detect(record.Physical(0), record.SamplingFrequency), record.SamplingFrequency, record.Length);
        }).ToList();
        var gross = BeatComparison.Sum(scores);
        // Measured 99.79% / 99.55% (docs/benchmarks.md); Pan and Tompkins report 99.3% / 99.5%.
        Assert.True(gross.QrsSensitivity >= 99.7, $"Se {gross.QrsSensitivity:0.000}%");
        Assert.True(gross.QrsPositivePredictivity >= 99.5, $"+P {gross.QrsPositivePredictivity:0.000}%");
    }

    [Fact]
    public void BeatsAreAscendingAndAtLeastARefractoryPeriodApart()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("232"));
        var detected = Detector.Detect(record.Physical(0), 360);
        Assert.All(detected.Zip(detected.Skip(1)), p => Assert.True(p.Second - p.First >= 0.2 * 360 - 54, $"{p.First} -> {p.Second}"));
        Assert.Equal(detected.Order(), detected);
    }

    [Fact]
    public void FlatOrSaturatedSignalsGiveNoBeatsAndNoCrash()
    {
        Assert.Empty(Detector.Detect(new double[3600], 360));
        // A record clipped flat at its maximum for 4 of its 10 seconds still gives beats outside the clipped part.
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        double[] x = record.Physical(0)[..3600];
        double top = x.Max();
        for (int n = 1000; n < 2440; n++) x[n] = top;
        var detected = Detector.Detect(x, 360);
        Assert.NotEmpty(detected);
        Assert.DoesNotContain(detected, d => d > 1060 && d < 2380);
    }

    [Fact]
    public void TooShortOrNaNSignalsAreRefusedWithAReason()
    {
        var shortError = Assert.Throws<ArgumentException>(() => Detector.Detect(new double[100], 360));
        Assert.Contains("0.278 s", shortError.Message);
        var nan = new double[3600];
        nan[7] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Detector.Detect(nan, 360)).Message);
    }
}
