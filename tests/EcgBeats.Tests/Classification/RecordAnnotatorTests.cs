using CsCheck;
using EcgBeats.Beats;
using EcgBeats.Rhythms;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;
using EcgBeats.Annotators;

namespace EcgBeats.Tests.Classification;

/// <summary>Whole-record annotation: beats cut as the training data was, annotations that read back, clear refusals.</summary>
public sealed class RecordAnnotatorTests
{
    /// <summary>Labels a beat by where its maximum lies (first fifth N, second S, ...): deterministic and shape-dependent.</summary>
    private sealed class ShapeClassifier(RepresentationRecipe? recipe = null) : IBeatClassifier
    {
        public string Name => "shape";
        public ModelCard Card { get; } = new()
        {
            Model = "shape", Framework = "test", Hyperparameters = new Dictionary<string, string>(),
            Representation = recipe ?? new KaggleMitBihRepresentation().Recipe,
        };
        public List<UnlabelledBeats> Seen { get; } = [];
        public void Dispose() { }
        public ClassProbabilities Predict(UnlabelledBeats beats)
        {
            Card.CheckInput(beats, "beats");
            Seen.Add(beats);
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

        var cut = new KaggleMitBihRepresentation().Cut(record, "208", peaks, BeatCutMode.EveryBeat);

        Assert.Equal(peaks.Length, cut.Count);
        Assert.Equal(peaks, cut.Origins!.Select(o => o.Sample));
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
        var record = RecordReader.Read(path);
        long[] peaks = AnnotationReader.ReadFile(path + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToArray();
        var at250Hz = Resampled(record, 250);
        var kaggle = new KaggleMitBihRepresentation();
        var at360 = kaggle.Cut(record, "100", peaks, BeatCutMode.EveryBeat);
        var at250 = kaggle.Cut(at250Hz, "100", peaks.Select(p => (long)Math.Round(p * 250 / 360.0)).ToList(), BeatCutMode.EveryBeat);

        // Rounding the peaks to 250 Hz moves a beat's start by up to 0.7 samples at 360 Hz, and the round trip
        // through 250 Hz low-passes it at 125 Hz: the beats agree closely, not exactly.
        var worst = Enumerable.Range(0, peaks.Length).Select(i => at360.Beat(i).ToArray().Zip(at250.Beat(i).ToArray()).Average(p => Math.Abs(p.First - p.Second))).ToList();
        Assert.True(worst.Count(w => w < 0.05) > 0.95 * peaks.Length, $"mean |difference| under 0.05 for {worst.Count(w => w < 0.05)} of {peaks.Length} beats");
    }

    /// <summary>The record resampled (in ADC units, rounded) to <paramref name="hz"/>, as a record made at that rate would be.</summary>
    private static WfdbRecord Resampled(WfdbRecord record, int hz)
    {
        var adc = record.Adc.Select(signal => new PolyphaseResampler(360, hz).Apply(Array.ConvertAll(signal, v => (double)v)).Select(v => (int)Math.Round(v)).ToArray()).ToArray();
        return new WfdbRecord(record.Header with { SamplingFrequency = hz, SampleCount = adc[0].Length }, 0, adc);
    }

    [Fact]
    public void AnnotationsReadBackAsWritten()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("232"));
        var result = new RecordAnnotator(new ShapeClassifier()).Annotate(record, "232");

        var annotations = result.ToAnnotations();
        var all = AnnotationReader.Parse(AnnotationWriter.Encode(annotations), "232.test");
        // The rhythm changes first: one per episode, each before its episode's first beat.
        var rhythm = all.Where(a => a.Symbol == "+").ToList();
        Assert.Equal(result.Rhythms!.Count, rhythm.Count);
        Assert.Equal(result.Rhythms.Select(e => RhythmEpisode.Aux(e.Rhythm)), rhythm.Select(a => a.AuxText));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sample <= p.Second.Sample), "in time order");
        var readBack = all.Where(a => a.Symbol != "+").ToList();

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
        var error = Assert.Throws<InvalidInputException>(() => new RecordAnnotator(new ShapeClassifier()).Annotate(record, "100", [2]));
        Assert.Contains("no signal 2", error.Message);
        Assert.Contains("MLII", error.Message);
    }

    [Theory]
    [InlineData(100, "too short")]   // 0.28 s
    [InlineData(300, "beat(s) found")] // 0.83 s: one beat (at sample 77; the next is at 370)
    public void RecordsTooShortForABeatAreRefused(int samples, string expected)
    {
        var record = RecordReader.Read(TestData.FixtureRecord("100"), 0, samples);
        var error = Assert.Throws<InvalidInputException>(() => new RecordAnnotator(new ShapeClassifier()).Annotate(record, "100"));
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

    [Fact]
    public void GapsAreLeftOutAndEveryStretchBetweenThemIsAnnotated()
    {
        // Fixture 100 (MIT-BIH 100's first 5 minutes) with WFDB's invalid sample (-32768) written over: 10 s of MLII
        // (samples 36,000-39,599), and both leads at 50,000-50,299 and 52,100-52,399, which leaves a 5-s stretch between them.
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        int[] mlii = (int[])record.Adc[0].Clone(), v5 = (int[])record.Adc[1].Clone();
        (int From, int To)[] gaps = [(36000, 39600), (50000, 50300), (52100, 52400)];
        foreach (var (from, to) in gaps)
            for (int n = from; n < to; n++) mlii[n] = SignalCodecs.InvalidSample;
        for (int n = 50000; n < 52400; n++) if (n < 50300 || n >= 52100) v5[n] = SignalCodecs.InvalidSample;
        var gappy = new WfdbRecord(record.Header, 0, [mlii, v5]);
        var classifier = new ShapeClassifier(new RhythmMorphologyRepresentation(2).Recipe);

        var result = new RecordAnnotator(classifier).Annotate(gappy, "100");

        bool Annotated(long t) => !gaps.Any(g => t >= g.From - 54 && t < g.To + 54) && !(t >= 50300 && t < 52100);
        var reference = AnnotationReader.ReadFile(TestData.FixtureRecord("100") + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).Select(a => a.Sample).ToList();
        var expected = reference.Where(Annotated).ToList();
        // Every reference beat outside the gaps and the short stretch is found within 150 ms (54 samples), as bxb matches.
        int found = expected.Count(r => result.Beats.Any(b => Math.Abs(b.Sample - r) <= 54));
        Assert.True(found >= 0.99 * expected.Count, $"{found} of {expected.Count} reference beats found");
        Assert.DoesNotContain(result.Beats, b => gaps.Any(g => b.Sample >= g.From && b.Sample < g.To) || (b.Sample >= 50300 && b.Sample < 52100));
        Assert.Equal(result.Beats.OrderBy(b => b.Sample).Select(b => b.Sample), result.Beats.Select(b => b.Sample));
        Assert.Contains(result.Warnings, w => w.Contains("samples 36000-39599") && w.Contains("gap"));
        Assert.Contains(result.Warnings, w => w.Contains("samples 50300-52099") && w.Contains("left out"));
        Assert.Equal(2, result.Signals.Count);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("clipped")); // a gap is not a lead stuck at its limit
    }

    [Fact]
    public void WhereverTheGapsFallNoBeatIsInOneAndNothingButAClearErrorEscapes()
    {
        // The first 60 s of fixture 100 with 0-6 random gaps (1 sample to 20 s each, in one lead or both).
        var record = RecordReader.Read(TestData.FixtureRecord("100"), 0, 21600);
        var classifier = new ShapeClassifier(new RhythmMorphologyRepresentation(2).Recipe);
        var gap = Gen.Select(Gen.Int[0, 21599], Gen.Int[1, 7200], Gen.Int[0, 2]);
        gap.Array[0, 6].Sample(gaps =>
        {
            int[][] adc = record.Adc.Select(a => (int[])a.Clone()).ToArray();
            var invalid = new bool[21600];
            foreach (var (from, length, leads) in gaps)
                for (int n = from; n < Math.Min(21600, from + length); n++)
                {
                    if (leads != 1) adc[0][n] = SignalCodecs.InvalidSample;
                    if (leads != 0) adc[1][n] = SignalCodecs.InvalidSample;
                    invalid[n] = true;
                }
            AnnotatedRecord result;
            try { result = new RecordAnnotator(classifier).Annotate(new WfdbRecord(record.Header, 0, adc), "100"); }
            catch (InvalidInputException) { return; } // too little left: refused, with a message (other tests read it)
            Assert.All(result.Beats, b => Assert.False(invalid[b.Sample], $"beat at {b.Sample} in a gap"));
            Assert.True(result.Beats.Zip(result.Beats.Skip(1)).All(p => p.First.Sample < p.Second.Sample), "beats in time order, none twice");
            Assert.Equal(gaps.Length == 0, !result.Warnings.Any(w => w.Contains("gap")));
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void ARecordOfGapsOnlyIsRefusedWithWhy()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        int[] mlii = (int[])record.Adc[0].Clone();
        for (int n = 0; n < mlii.Length; n++) if (n % 3600 < 300) mlii[n] = SignalCodecs.InvalidSample; // a gap every 10 s
        var error = Assert.Throws<InvalidInputException>(() =>
            new RecordAnnotator(new ShapeClassifier(new RhythmMorphologyRepresentation(1).Recipe)).Annotate(new WfdbRecord(record.Header, 0, [mlii, record.Adc[1]]), "100"));
        Assert.Contains("invalid samples (gaps)", error.Message);
        Assert.Contains("9.167 s", error.Message); // the longest stretch: 3,300 samples at 360 Hz
    }

    [Fact]
    public void AModelTrainedOnKachueeBeatsIsFedKachueeBeatsNeverKagglesCut()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        var kachuee = new Kachuee2018Representation();
        var model = new ShapeClassifier(kachuee.Recipe);

        var result = new RecordAnnotator(model).Annotate(record, "100");

        // The model saw exactly Kachuee et al.'s beats, at the R peaks that method finds (it needs no detector) ...
        var expected = kachuee.Cut(record, "100", null, BeatCutMode.EveryBeat);
        var seen = Assert.Single(model.Seen);
        Assert.Equal(kachuee.Recipe, seen.Recipe);
        Assert.Equal(expected.Values, seen.Values);
        Assert.Equal(expected.Origins!.Select(o => o.Sample), result.Beats.Select(b => b.Sample));
        Assert.StartsWith("kachuee2018", result.BeatsFoundBy);
        // ... and never the Kaggle cut at the detector's beats.
        var detected = new PanTompkins1985Detector().Detect(record.Physical(0), 360);
        Assert.NotEqual(detected.Count, result.Beats.Count);
        Assert.NotEqual(new KaggleMitBihRepresentation().Cut(record, "100", detected, BeatCutMode.EveryBeat).Values, seen.Values);
    }

    [Fact]
    public void AModelTrainedOnKaggleBeatsIsFedTheKaggleCutAtTheDetectedBeats()
    {
        var record = RecordReader.Read(TestData.FixtureRecord("208"));
        var model = new ShapeClassifier();
        var result = new RecordAnnotator(model).Annotate(record, "208");
        // No detector named: the default, Elgendi 2010 (QrsDetectors.Names[0]).

        var detected = new Elgendi2010Detector().Detect(record.Physical(0), 360);
        Assert.Equal(detected, result.Beats.Select(b => b.Sample));
        Assert.Equal(new KaggleMitBihRepresentation().Cut(record, "208", detected, BeatCutMode.EveryBeat).Values, Assert.Single(model.Seen).Values);
        Assert.Equal("elgendi2010", result.BeatsFoundBy);
    }

    [Fact]
    public void AModelWhoseBeatsThisVersionCannotCutIsRefused()
    {
        var recipe = new KaggleMitBihRepresentation().Recipe with { Name = "someone-elses-cut" };
        var error = Assert.Throws<InvalidInputException>(() => new RecordAnnotator(new ShapeClassifier(recipe)));
        Assert.Contains("someone-elses-cut", error.Message);
    }
}
