using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Classification;

/// <summary>Whole-record annotation: beats cut as the training data was, annotations that read back, clear refusals.</summary>
public sealed class RecordAnnotatorTests
{
    /// <summary>Labels a beat by where its maximum lies (first fifth N, second S, ...): deterministic and shape-dependent.</summary>
    private sealed class ShapeClassifier : IBeatClassifier
    {
        public string Name => "shape";
        public ModelCard Card { get; } = new() { Model = "shape", Framework = "test", Hyperparameters = new Dictionary<string, string>() };
        public ClassProbabilities Predict(BeatSet beats)
        {
            var values = new float[beats.Count * 5];
            for (int i = 0; i < beats.Count; i++)
            {
                var beat = beats.Beat(i);
                int at = beat.IndexOf(beat.ToArray().Max());
                values[i * 5 + Math.Min(4, at * 5 / beat.Length)] = 1;
            }
            return new ClassProbabilities(values, 5);
        }
    }

    [Fact]
    public void BeatsCutAtTheReferencePeaksAreTheDatasetsBeats()
    {
        // The dataset builder reproduces the real Kaggle rows (KaggleRebuildTests); at the same peaks the annotator must cut the same beats.
        string path = TestData.FixtureRecord("208");
        var record = RecordReader.Read(path);
        long[] peaks = AnnotationReader.ReadFile(path + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();
        var dataset = DatasetBuilder.ExtractRecord(path, DatasetRecipe.Kaggle());

        var cut = RecordAnnotator.Cut(record.Physical(0), 360, peaks);

        Assert.Equal(peaks.Length, cut.Count);
        // All but the last two: the dataset ends the second-to-last beat with the rest of the record, and drops the last.
        for (int i = 0; i < peaks.Length - 2; i++)
        {
            float[] mine = cut.Beat(i).ToArray(), theirs = dataset.Beat(i).ToArray();
            Assert.True(mine.Zip(theirs).All(p => Math.Abs(p.First - p.Second) < 1e-6), $"beat {i} at {peaks[i]}");
        }
        Assert.True(cut.Beat(peaks.Length - 1).ToArray().Max() == 1f, "the last beat is cut too");
    }

    [Fact]
    public void OtherRatesAreResampledTo360HzBeforeTheCut()
    {
        string path = TestData.FixtureRecord("100");
        double[] x360 = RecordReader.Read(path).Physical(0);
        long[] peaks = AnnotationReader.ReadFile(path + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();
        double[] x250 = new PolyphaseResampler(360, 250).Apply(x360);
        var at360 = RecordAnnotator.Cut(x360, 360, peaks);
        var at250 = RecordAnnotator.Cut(x250, 250, peaks.Select(p => (long)Math.Round(p * 250 / 360.0)).ToList());

        // Rounding the peaks to 250 Hz moves a beat's start by up to 0.7 samples at 360 Hz, and the round trip
        // through 250 Hz low-passes it at 125 Hz: the beats agree closely, not exactly.
        var worst = Enumerable.Range(0, peaks.Length).Select(i => at360.Beat(i).ToArray().Zip(at250.Beat(i).ToArray()).Average(p => Math.Abs(p.First - p.Second))).ToList();
        Assert.True(worst.Count(w => w < 0.05) > 0.95 * peaks.Length, $"mean |difference| under 0.05 for {worst.Count(w => w < 0.05)} of {peaks.Length} beats");
    }

    [Fact]
    public void AnnotationsReadBackAsWritten()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("232"));
        var result = new RecordAnnotator(new ShapeClassifier()).Annotate(record, "232");

        var annotations = result.ToAnnotations();
        var readBack = AnnotationReader.Parse(AnnotationWriter.Encode(annotations), "232.test");

        Assert.Equal(result.Beats.Count, readBack.Count);
        Assert.Equal(result.Beats.Select(b => b.Sample), readBack.Select(a => a.Sample));
        Assert.Equal(result.Beats.Select(b => b.Class.ToString()), readBack.Select(a => a.Symbol));
        Assert.All(readBack, a => Assert.True(AamiMapping.IsBeat(a.Symbol)));
        Assert.True(result.Beats.Select(b => b.Class).Distinct().Count() > 1, "the fake model gives several classes, so labels are really carried");
    }

    [Fact]
    public void FlatLeadIsRefusedWithTheReason()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        var flat = new WfdbRecord(record.Header, 0, [new int[record.Length], record.Adc[1]]);
        var error = Assert.Throws<InvalidInputException>(() => new RecordAnnotator(new ShapeClassifier()).Annotate(flat, "100"));
        Assert.Contains("flat", error.Message);
        Assert.Contains("MLII", error.Message);
    }

    [Fact]
    public void MissingLeadIsRefusedWithTheLeadsThereAre()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        var error = Assert.Throws<InvalidInputException>(() => new RecordAnnotator(new ShapeClassifier()).Annotate(record, "100", channel: 2));
        Assert.Contains("no signal 2", error.Message);
        Assert.Contains("MLII", error.Message);
    }

    [Theory]
    [InlineData(100, "too short")]   // 0.28 s
    [InlineData(300, "beat(s) found")] // 0.83 s: one beat (at sample 77; the next is at 370)
    public void RecordsTooShortForABeatAreRefused(int samples, string expected)
    {
        double[] x = RecordReader.Read(TestData.FixtureRecord("100")).Physical(0)[..samples];
        var error = Assert.Throws<InvalidInputException>(() => new RecordAnnotator(new ShapeClassifier()).Annotate(x, 360, "100"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SaturatedStretchesAreReportedAndTheRestIsAnnotated()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        int[] lead = (int[])record.Adc[0].Clone();
        int top = lead.Max();
        for (int n = 36000; n < 39600; n++) lead[n] = top; // 10 s clipped at the top
        var clipped = new WfdbRecord(record.Header, 0, [lead, record.Adc[1]]);

        var result = new RecordAnnotator(new ShapeClassifier()).Annotate(clipped, "100");

        Assert.Contains(result.Warnings, w => w.Contains("clipped") && w.Contains("10 s"));
        Assert.InRange(result.Beats.Count, 330, 375); // 371 reference beats less about 10 s of them
    }
}
