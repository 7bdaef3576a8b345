using EcgBeats.Beats;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Representations;

/// <summary>The rhythm context of a beat (<see cref="RhythmContext"/>) against values worked by hand.</summary>
public sealed class RhythmContextTests
{
    // 100 Hz, one beat a second, beat 4 premature by 300 ms (pre-RR 0.7 s, then a 1.3 s pause): pre = [1.0 (copied), 1.0, 1.0, 1.0, 0.7, 1.3, 1.0, 1.0].
    private static readonly long[] OnePremature = [0, 100, 200, 300, 370, 500, 600, 700];

    /// <summary>irregularity, pre / context, post / context, (1 - pre / context) / (irregularity + 0.05), max(0, 1 - pre / context) · exp(-irregularity / 0.05).</summary>
    [Theory]
    // Beat 4, the premature one: its own pre and post (0.7, 1.3) are left out, so its context is five 1.0 s intervals:
    // median 1.0, no change at lag 1 or 2, so irregularity 0 and the quotient (1 - 0.7) / 0.05 = 6.
    [InlineData(4, 0.0, 0.7, 1.3, 6.0, 0.3)]
    // Beat 5, after the pause: context pre[1..4], pre[7] = 1, 1, 1, 0.7, 1; median 1; changes (lag 1 and 2, the smaller):
    // 0, 0, min(0.3, 0.3), min(0.3, 0) = 0, 0, 0.3, 0; median 0. Quotient (1 - 1.3) / 0.05 = -6.
    [InlineData(5, 0.0, 1.3, 1.0, -6.0, 0.0)]
    // Beat 0: context pre[2..7] = 1, 1, 0.7, 1.3, 1, 1 (the premature beat and its pause are in it); median 1;
    // changes 0, min(0.3, 0.3), min(0.6, 0.3), min(0.3, 0.3), min(0, 0.3) = 0, 0.3, 0.3, 0.3, 0; median 0.3.
    // Its pre-RR is the copied 1.0 s: quotient 0, no earliness.
    [InlineData(0, 0.3, 1.0, 1.0, 0.0, 0.0)]
    // Beat 7, the last: post-RR is its pre-RR (1.0); context pre[1..6] = 1, 1, 1, 0.7, 1.3, 1; median 1;
    // changes 0, min(0, 0), min(0.3, 0.3), min(0.6, 0.3), min(0.3, 0.3) = 0, 0, 0.3, 0.3, 0.3; median 0.3.
    [InlineData(7, 0.3, 1.0, 1.0, 0.0, 0.0)]
    public void FeaturesEqualTheHandWorkedValues(int beat, params double[] expected)
    {
        float[] features = RhythmContext.Compute(OnePremature, 100);
        int w = RhythmContext.Names.Count;
        Assert.Equal(OnePremature.Length * w, features.Length);
        Assert.Equal(expected.Length, w);
        for (int f = 0; f < w; f++)
            Assert.True(Math.Abs(features[beat * w + f] - expected[f]) < 1e-5, $"beat {beat} {RhythmContext.Names[f]}: {features[beat * w + f]} vs {expected[f]}");
    }

    [Fact]
    public void TheSameEarlinessMeansLessInAnIrregularRhythm()
    {
        // Irregular intervals (0.6-1.2 s without a pattern, as in atrial fibrillation); beat 4 comes 0.7 s after the one before it.
        // pre[1..12] = 0.8, 0.6, 1.1, 0.7, 0.9, 1.2, 0.65, 1.0, 0.75, 1.15, 0.6, 0.95.
        long[] irregular = [0, 80, 140, 250, 320, 410, 530, 595, 695, 770, 885, 945, 1040];
        float[] af = RhythmContext.Compute(irregular, 100);
        float[] sinus = RhythmContext.Compute(OnePremature, 100);
        int w = RhythmContext.Names.Count;
        // Context of beat 4 (pre[4] and pre[5] left out): 0.8, 0.6, 1.1, 1.2, 0.65, 1.0, 0.75, 1.15, 0.6, 0.95; median
        // (0.8 + 0.95) / 2 = 0.875. Smaller of the lag-1 and lag-2 changes: 0.2, min(0.5, 0.3), min(0.1, 0.6), min(0.55, 0.45),
        // min(0.35, 0.2), min(0.25, 0.1), min(0.4, 0.15), min(0.55, 0.15), min(0.35, 0.2) = 0.2, 0.3, 0.1, 0.45, 0.2, 0.1,
        // 0.15, 0.15, 0.2; median 0.2; / 0.875 = 0.228571. Quotient (1 - 0.8) / (0.228571 + 0.05) = 0.717949.
        Assert.Equal(0.228571, af[4 * w], 5);
        Assert.Equal(0.8, af[4 * w + 1], 5);
        Assert.Equal(0.9 / 0.875, af[4 * w + 2], 5);
        Assert.Equal(0.717949, af[4 * w + 3], 4);
        Assert.Equal(0.2 * Math.Exp(-0.228571 / 0.05), af[4 * w + 4], 4);   // 0.2 · 0.010348 = 0.002070
        Assert.Equal(0.3, sinus[4 * w + 4], 5);
        Assert.True(af[4 * w + 3] < sinus[4 * w + 3] / 5, "the same 0.7 s beat is far less premature against an irregular rhythm");
    }

    [Fact]
    public void TooFewBeatsGiveNeutralValues()
    {
        // Three beats: no beat has three intervals of context.
        float[] f = RhythmContext.Compute([0, 100, 170], 100);
        for (int i = 0; i < 3; i++)
            Assert.Equal([0f, 1f, 1f, 0f, 0f], f.AsSpan(i * 5, 5).ToArray());
        Assert.Throws<ArgumentException>(() => RhythmContext.Compute([100], 360));
    }

    [Fact]
    public void TheAtrialPrematureBeatsOfRecord100StandOutOfItsSinusRhythm()
    {
        // Fixture 100 (the first minute of MIT-BIH 100, sinus rhythm): 367 N beats and 4 atrial premature beats (A), by its
        // reference annotations. An A beat comes early in a regular rhythm: its context must say both.
        var beats = AnnotationReader.ReadFile(TestData.FixtureRecord("100") + ".atr").Where(a => AamiMapping.IsBeat(a.Symbol)).ToList();
        float[] f = RhythmContext.Compute(beats.Select(b => b.Sample).ToList(), 360);
        int w = RhythmContext.Names.Count;
        var a = Enumerable.Range(0, beats.Count).Where(i => beats[i].Symbol == "A").ToList();
        var n = Enumerable.Range(0, beats.Count).Where(i => beats[i].Symbol == "N").Select(i => f[i * w + 4]).Order().ToList();
        Assert.Equal(4, a.Count);
        Assert.All(a, i => Assert.True(f[i * w] < 0.05, $"beat {i}: irregularity {f[i * w]} in a sinus rhythm"));
        Assert.All(a, i => Assert.True(f[i * w + 1] < 0.9, $"beat {i}: pre-RR {f[i * w + 1]} of its context, not premature"));
        float n99 = n[(int)(0.99 * (n.Count - 1))];
        Assert.All(a, i => Assert.True(f[i * w + 4] > n99, $"beat {i}: premature_in_regular {f[i * w + 4]} not above 99% of N beats ({n99})"));
    }

    [Fact]
    public void TheContextVariantIsNamedAndReopenedFromItsCard()
    {
        var context = new RhythmMorphologyRepresentation(2, context: true);
        Assert.Equal("rhythm-morphology-2lead-context", context.Recipe.Name);
        Assert.Equal(RrFeatures.Names.Concat(RhythmContext.Names), context.Recipe.Layout.Features.Take(14));
        Assert.Equal(context.Recipe, BeatRepresentations.For(context.Recipe).Recipe);
        Assert.Equal(context.Recipe, BeatRepresentations.Create("rhythm-morphology-2lead-context").Recipe);
        // The default has no context: its beats are what the first declaration's models were trained on.
        Assert.DoesNotContain(RhythmContext.Names[0], BeatRepresentations.Create("rhythm-morphology-2lead").Recipe.Layout.Features);
    }
}
