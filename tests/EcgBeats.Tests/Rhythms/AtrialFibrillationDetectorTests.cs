using EcgBeats.Beats;
using EcgBeats.Metrics;
using EcgBeats.Rhythms;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Rhythms;

/// <summary>
/// The AF detector on MIT-BIH's own beat times and beat labels (beats not labelled N left out), against the
/// cardiologists' rhythm annotations (compared as <c>epicmp -A</c> does, which <c>EpicmpAgreementTests</c> checks), and
/// the rhythm annotations it writes.
/// </summary>
public sealed class AtrialFibrillationDetectorTests
{
    private static (WfdbHeader Header, IReadOnlyList<Annotation> Reference, long[] Positions, bool[] Ectopic) Reference(string record)
    {
        string path = Path.Combine(TestData.RequireMitDb(), record);
        var header = RecordReader.ReadHeader(path);
        var reference = AnnotationReader.ReadFile(path + ".atr", header.SamplingFrequency);
        var beats = reference.Where(a => AamiMapping.IsBeat(a.Symbol)).ToList();
        return (header, reference, beats.Select(b => b.Sample).ToArray(),
            beats.Select(b => AamiMapping.Beats[b.Symbol] != AamiClass.N).ToArray());
    }

    /// <summary>The default detector on the reference's beats: from beat times alone, or with the record's MLII lead, as <c>annotate</c> runs it (P waves read).</summary>
    private static EpisodeComparison Compare(string record, bool pWaves = false)
    {
        var (header, reference, positions, ectopic) = Reference(record);
        double[]? lead = null;
        if (pWaves)
        {
            var wfdb = RecordReader.Read(Path.Combine(TestData.RequireMitDb(), record));
            int mlii = Enumerable.Range(0, header.Signals.Count).First(s => header.Signals[s].Description == "MLII");
            lead = AtrialActivity.Filter(wfdb.Physical(mlii), header.SamplingFrequency);
        }
        var episodes = new AtrialFibrillationDetector().Detect(positions, ectopic, header.SamplingFrequency, lead);
        var written = RhythmEpisode.ToAnnotations(episodes, positions, header.SamplingFrequency);
        // Through the bytes of a WFDB annotation file, as epicmp would read them.
        var test = AnnotationReader.Parse(AnnotationWriter.Encode(written), record + ".test", header.SamplingFrequency);
        return EpisodeComparator.Compare(record, reference, test, header.SamplingFrequency, header.SampleCount ?? 0);
    }

    [Theory]
    [InlineData("201")] // AF, among sinus rhythm with frequent atrial premature beats, junctional rhythm and SVTA
    [InlineData("203")] // AF and flutter with multiform ventricular beats and runs of VT
    public void TheAfOfDs1sAfRecordsIsFound(string record)
    {
        var c = Compare(record);
        Assert.True(c.DurationSensitivity >= 90, $"{record}: AF duration Se {c.DurationSensitivity:0.0}% ({c.ReferenceSeconds:0} s of reference AF)");
        Assert.True(c.EpisodeSensitivity >= 60, $"{record}: AF episode Se {c.EpisodeSensitivity:0.0}%");
    }

    [Theory]
    [InlineData("119")] // ventricular bigeminy and trigeminy
    [InlineData("208")] // ventricular couplets and trigeminy, fusion beats
    [InlineData("209")] // runs of SVTA and atrial premature beats
    [InlineData("220")] // atrial premature beats, SVTA
    [InlineData("223")] // ventricular bigeminy and trigeminy, VT
    [InlineData("112")] // sinus rhythm
    public void PatternedEctopyAndSinusRhythmAreNotAf(string record)
    {
        var c = Compare(record);
        Assert.Equal(0, c.ReferenceDuration); // the reference has no AF in these records
        Assert.True(c.TestSeconds < 30, $"{record}: {c.TestSeconds:0} s called AF");
    }

    [Theory]
    [InlineData("201")]
    [InlineData("203")]
    public void WithPWavesTheAfOfDs1sAfRecordsIsFound(string record)
    {
        var c = Compare(record, pWaves: true);
        Assert.True(c.DurationSensitivity >= 85, $"{record}: AF duration Se {c.DurationSensitivity:0.0}% ({c.ReferenceSeconds:0} s of reference AF)");
        Assert.True(c.DurationPositivePredictivity >= 70, $"{record}: AF duration +P {c.DurationPositivePredictivity:0.0}%");
    }

    [Theory]
    [InlineData("119")] // ventricular bigeminy and trigeminy
    [InlineData("208")] // ventricular couplets and trigeminy, fusion beats
    [InlineData("209")] // runs of SVTA and atrial premature beats
    [InlineData("220")] // atrial premature beats, SVTA
    [InlineData("223")] // ventricular bigeminy and trigeminy, VT
    [InlineData("112")] // sinus rhythm
    [InlineData("106")] // ventricular bigeminy
    public void WithPWavesPatternedEctopyAndSinusRhythmAreNotAf(string record)
    {
        var c = Compare(record, pWaves: true);
        Assert.Equal(0, c.ReferenceDuration);
        Assert.True(c.TestSeconds < 30, $"{record}: {c.TestSeconds:0} s called AF");
    }

    [Fact]
    public void RhythmChangesAreWrittenAsMitBihDoesBeforeTheFirstBeatOfEachEpisode()
    {
        long[] positions = Enumerable.Range(0, 100).Select(i => 1000L + 300 * i).ToArray();
        var inAf = positions.Select((_, i) => i is >= 40 and < 70).ToArray();
        var episodes = AtrialFibrillationDetector.Episodes(inAf, positions);
        Assert.Equal([Rhythm.Other, Rhythm.AtrialFibrillation, Rhythm.Other], episodes.Select(e => e.Rhythm));
        Assert.Equal([(0, 40), (40, 30), (70, 30)], episodes.Select(e => (e.FirstBeat, e.Beats)));
        Assert.Equal(positions[70], episodes[1].End);

        var annotations = RhythmEpisode.ToAnnotations(episodes, positions, 360);
        Assert.Equal(["(N", "(AFIB", "(N"], annotations.Select(a => a.AuxText));
        Assert.All(annotations, a => Assert.Equal("+", a.Symbol));
        // 0.2 s = 72 samples before each episode's first beat.
        Assert.Equal([1000 - 72, positions[40] - 72, positions[70] - 72], annotations.Select(a => a.Sample));
    }

    [Fact]
    public void ShortRunsAreDroppedAndShortGapsBridged()
    {
        var detector = new AtrialFibrillationDetector { Threshold = 0.05, BridgeBeats = 10, FewestBeats = 20 };
        double[] irregularity = new double[200];
        for (int i = 10; i < 25; i++) irregularity[i] = 0.1;  // 15 beats: dropped
        for (int i = 50; i < 80; i++) irregularity[i] = 0.1;  // 30 beats, then a gap of 5, then 10 more: one episode of 45
        for (int i = 85; i < 95; i++) irregularity[i] = 0.1;
        irregularity[150] = double.NaN;
        var af = detector.InAf(irregularity);
        Assert.Equal(Enumerable.Range(50, 45), Enumerable.Range(0, 200).Where(i => af[i]));
    }

    [Fact]
    public void TheGateMakesOnlySCallsInsideAfN()
    {
        Assert.Equal(AamiClass.N, RhythmGate.Apply(AamiClass.S, true));
        Assert.Equal(AamiClass.S, RhythmGate.Apply(AamiClass.S, false));
        foreach (var c in new[] { AamiClass.N, AamiClass.V, AamiClass.F, AamiClass.Q })
            Assert.Equal(c, RhythmGate.Apply(c, true));
    }
}
