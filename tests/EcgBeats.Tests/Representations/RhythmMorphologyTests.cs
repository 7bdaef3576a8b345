using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Representations;

/// <summary>The rhythm + morphology beats: RR features against hand-computed values, and one cut for detected and reference beats.</summary>
public sealed class RhythmMorphologyTests
{
    // The first 12 reference beats of fixture record 232 (sinus bradycardia with atrial premature beats), at 360 Hz.
    private static readonly long[] Beats232 = [491, 737, 1000, 1659, 1903, 2156, 2829, 3066, 3667, 3909, 4511, 4751];

    /// <summary>
    /// pre, post, local, record (s); pre, post, local over record; pre over local; the local RRs' coefficient of variation
    /// (population standard deviation over mean). Worked by hand from the positions above.
    /// </summary>
    [Theory]
    // First beat: no beat before it, so it takes its post-RR (246 samples): 246/360 = 0.683333 s. Record mean: 4260/(11·360) = 1.075758 s.
    [InlineData(0, 0.683333, 0.683333, 0.683333, 1.075758, 0.635211, 0.635211, 0.635211, 1.0, 0.0)]
    [InlineData(1, 0.683333, 0.730556, 0.683333, 1.075758, 0.635211, 0.679108, 0.635211, 1.0, 0.0)]
    // Beat 5: 253 samples after beat 4, 673 before beat 6 (a pause after an atrial premature beat); local: mean of 6 pre-RRs.
    [InlineData(5, 0.702778, 1.869444, 0.884722, 1.075758, 0.653286, 1.737793, 0.822418, 0.794349, 0.478525)]
    // Beat 10: local = (246+263+659+244+253+673+237+601+242+602)/10/360 = 1.116667 s: the last 10 beats only.
    [InlineData(10, 1.672222, 0.666667, 1.116667, 1.075758, 1.554460, 0.619718, 1.038028, 1.497512, 0.473773)]
    // Last beat: no beat after it, so it takes its pre-RR as post-RR.
    [InlineData(11, 0.666667, 0.666667, 1.115000, 1.075758, 0.619718, 0.619718, 1.036479, 0.597907, 0.475725)]
    public void RrFeaturesEqualTheHandWorkedValues(int beat, params double[] expected)
    {
        float[] features = RrFeatures.Compute(Beats232, 360);
        Assert.Equal(Beats232.Length * RrFeatures.Names.Count, features.Length);
        for (int f = 0; f < expected.Length; f++)
            Assert.True(Math.Abs(features[beat * RrFeatures.Names.Count + f] - expected[f]) < 2e-6,
                $"beat {beat} {RrFeatures.Names[f]}: {features[beat * RrFeatures.Names.Count + f]} vs {expected[f]}");
    }

    [Fact]
    public void APauseStandsOutAgainstTheRecordsOwnRate()
    {
        // 232's longest pause in the fixture: 1,010 samples (2.806 s) between beats at 86,225 and 87,235.
        long[] positions = [85500, 85760, 86225, 87235, 87480];
        float[] f = RrFeatures.Compute(positions, 360);
        int w = RrFeatures.Names.Count;
        Assert.Equal(1010 / 360.0, f[3 * w], 5);                              // pre-RR of the beat after the pause
        Assert.Equal(1010 / 360.0, f[2 * w + 1], 5);                          // post-RR of the beat before it
        Assert.Equal(1010.0 / (1980.0 / 4), f[3 * w + 4], 4);                // against the record's mean RR (1980 samples / 4 intervals)
        Assert.Throws<ArgumentException>(() => RrFeatures.Compute([100], 360));
        Assert.Throws<ArgumentException>(() => RrFeatures.Compute([100, 100], 360));
    }

    [Fact]
    public void DetectedBeatsAtTheReferencePositionsAreTheReferenceBeats()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("208"));
        long[] reference = AnnotationReader.ReadFile(TestData.FixtureRecord("208") + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();
        var representation = new RhythmMorphologyRepresentation(2);

        var dataset = DatasetBuilder.ExtractRecord(TestData.FixtureRecord("208"), new DatasetRecipe(representation, SplitKind.Inter));
        var asDetected = representation.Cut(record, "208", reference, BeatCutMode.EveryBeat);

        Assert.Equal(reference.Length, dataset.Count);          // every beat is cut, the first and last too
        Assert.Equal(dataset.Values, asDetected.Values);
        Assert.Equal(2 * 90 + 9 + 2 * 2, asDetected.ValuesPerBeat);
        Assert.Equal(["MLII", "V1"], representation.Recipe.Layout.Leads.Select(l => l.Name));
    }

    [Fact]
    public void TheWindowIsScaledByTheRecordNotTheBeat()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("208"));
        var peaks = AnnotationReader.ReadFile(TestData.FixtureRecord("208") + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToList();
        var representation = new RhythmMorphologyRepresentation(1, new FilterOptions(FilterKind.None));
        var beats = representation.Cut(record, "208", peaks, BeatCutMode.EveryBeat);

        // The record's scale cancels: the same record recorded three times larger (and offset) gives the same beats.
        var louder = new WfdbRecord(record.Header, 0, record.Adc.Select(s => s.Select(v => 3 * v + 100).ToArray()).ToArray());
        var same = representation.Cut(louder, "208", peaks, BeatCutMode.EveryBeat);
        Assert.True(beats.Values.Zip(same.Values).All(p => Math.Abs(p.First - p.Second) < 1e-5));

        // Within a record, beats keep their own sizes (min-max per beat would make every one span 1): the QRS peak-to-peak
        // (the window's samples 26-38, ±50 ms) has median 1 by construction and varies from beat to beat.
        var sizes = Enumerable.Range(0, beats.Count).Select(i => { var w = beats.Beat(i)[26..39].ToArray(); return (double)(w.Max() - w.Min()); }).Order().ToArray();
        Assert.InRange(sizes[sizes.Length / 2], 0.9, 1.1);
        Assert.True(sizes[^1] / sizes[0] > 2, $"QRS sizes from {sizes[0]:0.00} to {sizes[^1]:0.00}");
    }

    [Fact]
    public void OtherRatesGiveTheSameWindowsToWithinTheResamplingError()
    {
        string path = TestData.FixtureRecord("100");
        var record = RecordReader.Read(path);
        long[] peaks = AnnotationReader.ReadFile(path + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();
        var adc = record.Adc.Select(s => new PolyphaseResampler(360, 250).Apply(Array.ConvertAll(s, v => (double)v)).Select(v => (int)Math.Round(v)).ToArray()).ToArray();
        var at250 = new WfdbRecord(record.Header with { SamplingFrequency = 250, SampleCount = adc[0].Length }, 0, adc);
        var representation = new RhythmMorphologyRepresentation(1);

        var a = representation.Cut(record, "100", peaks, BeatCutMode.EveryBeat);
        var b = representation.Cut(at250, "100", peaks.Select(p => (long)Math.Round(p * 250 / 360.0)).ToList(), BeatCutMode.EveryBeat);

        int w = a.ValuesPerBeat, close = 0;
        for (int i = 0; i < a.Count; i++)
            if (Enumerable.Range(0, 90).Average(k => Math.Abs(a.Values[i * w + k] - b.Values[i * w + k])) < 0.05) close++;
        Assert.True(close >= 0.95 * a.Count, $"{close} of {a.Count} windows agree to 0.05");
    }

    [Fact]
    public void BeatsUnlikeThePatientsUsualBeatStandOutWhateverItLooksLike()
    {
        // 208: 278 N and 168 V beats in the fixture. The template is the median of all windows, so the N beats' shape.
        var record = RecordReader.Read(TestData.FixtureRecord("208"));
        var reference = AnnotationReader.ReadFile(TestData.FixtureRecord("208") + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).ToList();
        var beats = new RhythmMorphologyRepresentation(1).Cut(record, "208", reference.Select(a => a.Sample).ToList(), BeatCutMode.EveryBeat);
        int corr = 90 + RrFeatures.Names.Count, w = beats.ValuesPerBeat;
        Assert.Equal("template_corr_MLII", new RhythmMorphologyRepresentation(1).Recipe.Layout.Features[RrFeatures.Names.Count]);
        double Of(string symbol, int offset) => Median(reference.Select((a, i) => (a, i)).Where(p => p.a.Symbol == symbol).Select(p => (double)beats.Values[p.i * w + corr + offset]));
        Assert.True(Of("N", 0) > 0.9, $"N correlate with the template: {Of("N", 0):0.00}");
        Assert.True(Of("V", 0) < Of("N", 0) - 0.3, $"V {Of("V", 0):0.00} vs N {Of("N", 0):0.00}");
        Assert.True(Of("V", 1) > 2 * Of("N", 1), $"residual V {Of("V", 1):0.00} vs N {Of("N", 1):0.00}");
        Assert.All(beats.Values, v => Assert.InRange(v, -RhythmMorphologyRepresentation.ClipLimit, 100));
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
