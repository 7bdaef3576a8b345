using EcgBeats.Rhythms;

namespace EcgBeats.Tests.Rhythms;

/// <summary><see cref="RrIrregularity"/> on hand-worked interval sequences.</summary>
public sealed class RrIrregularityTests
{
    /// <summary>Beat positions at 100 Hz from RR intervals in seconds, the first beat at 0.</summary>
    private static long[] Positions(params double[] intervals)
    {
        var p = new long[intervals.Length + 1];
        for (int i = 0; i < intervals.Length; i++) p[i + 1] = p[i] + (long)Math.Round(intervals[i] * 100);
        return p;
    }

    private static bool[] None(int n) => new bool[n];

    [Fact]
    public void AHandWorkedWindowGivesTheMedianSmallestChangeOverTheMedianInterval()
    {
        // L = 1.0 1.2 0.9 1.1 0.8 1.3 1.0 0.95 1.15 0.85 s. d[k] = min over lags 1-3 of |L[k] - L[k-lag]|, k = 3..9:
        // 1.1: .2 .1 .1 -> .1; 0.8: .3 .1 .4 -> .1; 1.3: .5 .2 .4 -> .2; 1.0: .3 .2 .1 -> .1; 0.95: .05 .35 .15 -> .05;
        // 1.15: .2 .15 .35 -> .15; 0.85: .3 .1 .15 -> .1. median(d) = 0.1; median(L) = (1.0 + 1.0) / 2 = 1.0; 0.1 / 1.0 = 0.1.
        var p = Positions(1.0, 1.2, 0.9, 1.1, 0.8, 1.3, 1.0, 0.95, 1.15, 0.85);
        var irregularity = RrIrregularity.Compute(p, None(p.Length), 100);
        Assert.All(irregularity, v => Assert.Equal(0.1, v, 9)); // every window holds all ten intervals
    }

    [Theory]
    [InlineData(new[] { 0.8 }, 0)]              // a metronome
    [InlineData(new[] { 0.6, 1.0 }, 0)]         // bigeminy: short-long repeats at lag 2
    [InlineData(new[] { 0.9, 0.55, 1.25 }, 0)]   // trigeminy: repeats at lag 3
    public void PatternedRhythmsAreRegular(double[] cycle, double expected)
    {
        var intervals = Enumerable.Range(0, 120).Select(i => cycle[i % cycle.Length]).ToArray();
        var p = Positions(intervals);
        var irregularity = RrIrregularity.Compute(p, None(p.Length), 100);
        Assert.All(irregularity.Skip(40).Take(40), v => Assert.Equal(expected, v, 9));
    }

    [Fact]
    public void IntervalsAtVentricularBeatsAreLeftOut()
    {
        // A metronome (0.8 s) with premature ventricular beats at no fixed period (after each normal interval, a PVC where
        // this hand-written pattern has a 1), their coupling 0.45-0.61 s and a full compensatory pause (1.6 s in all).
        const string pattern = "1011001110100110111001011";
        var intervals = new List<double>();
        for (int i = 0; i < 150; i++)
        {
            intervals.Add(0.8);
            double coupling = 0.45 + 0.04 * (i % 5);
            if (pattern[i % pattern.Length] == '1') intervals.AddRange([coupling, 1.6 - coupling]);
        }
        var p = Positions([.. intervals]);
        var ventricular = new bool[p.Length];
        for (int k = 0; k < intervals.Count; k++)
            if (intervals[k] < 0.7) ventricular[k + 1] = true; // the beat that ends the short interval
        Assert.All(RrIrregularity.Compute(p, ventricular, 100).Skip(40).Take(100), v => Assert.Equal(0, v, 9));
        // Not told which beats are ventricular, the same rhythm reads as irregular as the edge of atrial fibrillation
        // (0.05 at every beat by a separate script of the same definition; DS1's sinus rhythms: 0.007-0.03).
        Assert.All(RrIrregularity.Compute(p, None(p.Length), 100).Skip(40).Take(100), v => Assert.Equal(0.05, v, 6));
    }

    [Fact]
    public void TooFewIntervalsGiveNaNAndBadInputIsRefused()
    {
        var p = Positions(0.8, 0.8, 0.8, 0.8);
        Assert.All(RrIrregularity.Compute(p, None(p.Length), 100), v => Assert.True(double.IsNaN(v)));
        Assert.Throws<ArgumentException>(() => RrIrregularity.Compute([0, 100, 100], None(3), 100));
        Assert.Throws<ArgumentException>(() => RrIrregularity.Compute([0, 100, 200], None(2), 100));
    }
}
