using EcgBeats.Dsp;
using EcgBeats.Metrics;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Dsp;

/// <summary>The second detector (Elgendi 2010) against the reference beats, as <see cref="PanTompkinsDetectorTests"/>.</summary>
public sealed class Elgendi2010DetectorTests
{
    private static readonly Elgendi2010Detector Detector = new();

    /// <summary>
    /// The bars are the measured rates less a margin. Over these 5-minute excerpts it misses more of 208's
    /// beats (7 of 520: fusion and PVC runs) and finds 5 extra in 232's long pauses than Pan–Tompkins does,
    /// although over the whole database it makes fewer than half Pan–Tompkins' errors.
    /// </summary>
    [Theory]
    [InlineData("100", 360, 99.5, 99.5)]
    [InlineData("208", 360, 98.5, 99.5)]
    [InlineData("217", 360, 99.5, 99.5)]
    [InlineData("232", 360, 99.5, 98.0)]
    [InlineData("208", 250, 98.5, 99.5)]
    [InlineData("208", 1000, 98.5, 99.5)]
    public void FindsTheReferenceBeatsOfEachFixtureRecord(string name, int rate, double minimumSe, double minimumPlusP)
    {
        string path = TestData.FixtureRecord(name);
        double[] x = RecordReader.Read(path).Physical(0);
        if (rate != 360) x = new PolyphaseResampler(360, rate).Apply(x);
        var reference = PanTompkinsDetectorTests.Reference(path).Select(a => a with { Sample = (long)Math.Round(a.Sample * rate / 360.0) }).ToList();

        var score = PanTompkinsDetectorTests.Score(name, reference, Detector.Detect(x, rate), rate, x.Length);

        Assert.True(score.QrsSensitivity >= minimumSe, $"{name} at {rate} Hz: Se {score.QrsSensitivity:0.00}%");
        Assert.True(score.QrsPositivePredictivity >= minimumPlusP, $"{name} at {rate} Hz: +P {score.QrsPositivePredictivity:0.00}%");
    }

    /// <summary>
    /// Records as other databases carry them (issue #23), made by WFDB's own <c>xform</c> from the fixtures, which also
    /// moved the reference beats to the new rate (tests/Fixtures/other-rates). Read at their own rate, detected there.
    /// WFDB's <c>gqrs</c> on the same records, scored the same way, gives exactly what WFDB's <c>bxb -f 0</c> printed
    /// for it (x100: 371/371 and 371/371; x208: Se 514/518, +P 514/515), which checks the reading and the scoring of
    /// these records; the bars for ours are its measured rates (x100 100% / 100%; x208 98.84% / 100%: 6 missed, none
    /// extra) less a margin.
    /// </summary>
    [Theory]
    [InlineData("x100", 250, 0, 0, 99.5, 99.5)]
    [InlineData("x208", 128, 4, 1, 98.5, 99.5)]
    public void FindsTheBeatsOfRecordsThatXformMadeAtOtherRates(string name, int rate, int gqrsMissed, int gqrsExtra, double minimumSe, double minimumPlusP)
    {
        string path = TestData.Fixture("other-rates", name);
        var record = RecordReader.Read(path);
        Assert.Equal(rate, record.SamplingFrequency);
        var reference = PanTompkinsDetectorTests.Reference(path);

        var gqrs = BeatByBeatComparator.Compare(name, reference, AnnotationReader.ReadFile(path + ".qrs"), rate, new BeatComparisonOptions(StartSeconds: 0), record.Length);
        Assert.Equal((gqrsMissed, gqrsExtra), (gqrs.QrsFalseNegatives, gqrs.QrsFalsePositives));

        var score = PanTompkinsDetectorTests.Score(name, reference, Detector.Detect(record.Physical(0), rate), rate, record.Length);
        Assert.True(score.QrsSensitivity >= minimumSe, $"{name} at {rate} Hz: Se {score.QrsSensitivity:0.00}%");
        Assert.True(score.QrsPositivePredictivity >= minimumPlusP, $"{name} at {rate} Hz: +P {score.QrsPositivePredictivity:0.00}%");
    }

    [Fact]
    public void GrossRatesOverTheWholeDatabase()
    {
        string dir = TestData.RequireMitDb();
        var gross = BeatComparison.Sum(TestData.MitBihRecords.AsParallel().Select(name =>
        {
            var record = RecordReader.Read(Path.Combine(dir, name));
            return PanTompkinsDetectorTests.Score(name, PanTompkinsDetectorTests.Reference(Path.Combine(dir, name)), Detector.Detect(record.Physical(0), 360), 360, record.Length);
        }).ToList());
        // Measured 99.88% / 99.85% (docs/benchmarks.md); Elgendi (2013) reports 99.78% / 99.87%.
        Assert.True(gross.QrsSensitivity >= 99.8, $"Se {gross.QrsSensitivity:0.000}%");
        Assert.True(gross.QrsPositivePredictivity >= 99.8, $"+P {gross.QrsPositivePredictivity:0.000}%");
    }

    [Fact]
    public void FlatSignalGivesNoBeats() => Assert.Empty(Detector.Detect(new double[3600], 360));
}
