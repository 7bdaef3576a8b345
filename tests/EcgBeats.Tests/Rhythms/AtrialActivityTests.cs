using EcgBeats.Beats;
using EcgBeats.Rhythms;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Rhythms;

/// <summary>
/// P-wave consistency (<see cref="AtrialActivity"/>): on made signals whose answer is known by construction, and on
/// MIT-BIH's records against the cardiologists' rhythm annotations (AF is where they say it is).
/// </summary>
public sealed class AtrialActivityTests
{
    private const double Fs = 360;

    /// <summary>Beats every <paramref name="rr"/> s: a narrow QRS spike, and before it either the same P wave (a Gaussian bump 160 ms before) or fresh noise.</summary>
    private static (double[] Lead, long[] Positions) Made(bool pWaves, double rr = 0.8, int beats = 120)
    {
        var random = new Random(7);
        int n = (int)((beats + 1) * rr * Fs);
        var x = new double[n];
        for (int k = 0; k < n; k++) x[k] = 0.01 * Gaussian(random);
        var positions = new List<long>();
        for (int b = 1; b <= beats; b++)
        {
            long r = (long)(b * rr * Fs);
            positions.Add(r);
            for (int k = -5; k <= 5; k++) x[r + k] += 1.0 - Math.Abs(k) / 6.0;
            if (pWaves)
                for (int k = -40; k <= 40; k++) x[r - (long)(0.16 * Fs) + k] += 0.15 * Math.Exp(-0.5 * k * k / 144.0);
            else
            {
                // Fibrillatory waves: 0.1 mV at 6 Hz with a random phase and rate at every beat, so no two stretches match.
                double phase = random.NextDouble() * 2 * Math.PI, f = 5 + 3 * random.NextDouble();
                for (long k = r - (long)(0.3 * Fs); k < r - 10; k++) x[k] += 0.1 * Math.Sin(2 * Math.PI * f * k / Fs + phase);
            }
        }
        return (x, positions.ToArray());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double MedianOf(IEnumerable<double> values)
    {
        var v = values.Where(d => !double.IsNaN(d)).Order().ToList();
        return v.Count == 0 ? double.NaN : v[v.Count / 2];
    }

    [Fact]
    public void TheSamePWaveBeforeEveryBeatIsConsistentAndFibrillatoryWavesAreNot()
    {
        var (sinus, positions) = Made(pWaves: true);
        var ectopic = new bool[positions.Length];
        double withP = MedianOf(AtrialActivity.Consistency(AtrialActivity.Filter(sinus, Fs), positions, ectopic, Fs));
        Assert.True(withP > 0.95, $"P waves: {withP:0.00}");
        var (af, _) = Made(pWaves: false);
        double withoutP = MedianOf(AtrialActivity.Consistency(AtrialActivity.Filter(af, Fs), positions, ectopic, Fs));
        Assert.True(withoutP < 0.3, $"f waves: {withoutP:0.00}");
    }

    [Fact]
    public void BeatsAfterShortIntervalsAndEctopicBeatsAreNotScored()
    {
        // At 130 beats/min (RR 0.46 s) every beat is scored; at 150 (0.4 s, shorter than 0.42 s) none is.
        var (fast, fastPositions) = Made(pWaves: true, rr: 0.46);
        Assert.Contains(AtrialActivity.Consistency(AtrialActivity.Filter(fast, Fs), fastPositions, new bool[fastPositions.Length], Fs), v => !double.IsNaN(v));
        var (faster, fasterPositions) = Made(pWaves: true, rr: 0.4);
        Assert.All(AtrialActivity.Consistency(AtrialActivity.Filter(faster, Fs), fasterPositions, new bool[fasterPositions.Length], Fs), v => Assert.True(double.IsNaN(v)));
        // Every beat ectopic: nothing to compare.
        var (sinus, positions) = Made(pWaves: true);
        var all = Enumerable.Repeat(true, positions.Length).ToArray();
        Assert.All(AtrialActivity.Consistency(AtrialActivity.Filter(sinus, Fs), positions, all, Fs), v => Assert.True(double.IsNaN(v)));
        Assert.Throws<ArgumentException>(() => AtrialActivity.Consistency(sinus, positions, new bool[3], Fs));
    }

    [Theory]
    [InlineData("201")]
    [InlineData("203")]
    public void InTheReferencesAfThereIsNoSharedPWaveAndOutsideItThereIs(string record)
    {
        var (af, other) = ByRhythm(record);
        Assert.True(MedianOf(af) < 0.35, $"{record}: AF median {MedianOf(af):0.00}");
        if (record == "201") Assert.True(MedianOf(other) > 0.85, $"{record}: outside AF median {MedianOf(other):0.00}");
    }

    [Theory]
    [InlineData("112")] // sinus rhythm
    [InlineData("209")] // atrial premature beats and runs of SVTA
    [InlineData("220")] // atrial premature beats
    [InlineData("119")] // ventricular bigeminy and trigeminy
    public void SinusRhythmWithItsEctopyHasItsPWave(string record)
    {
        var (af, other) = ByRhythm(record);
        Assert.Empty(af);
        Assert.True(MedianOf(other) > 0.85, $"{record}: median {MedianOf(other):0.00}");
    }

    /// <summary>Each beat's consistency from the reference's beats and labels (beats not labelled N left out), split by the reference's rhythm.</summary>
    private static (List<double> Af, List<double> Other) ByRhythm(string record)
    {
        string path = Path.Combine(TestData.RequireMitDb(), record);
        var wfdb = RecordReader.Read(path);
        var reference = AnnotationReader.ReadFile(path + ".atr", wfdb.SamplingFrequency);
        int mlii = Enumerable.Range(0, wfdb.Header.Signals.Count).First(s => wfdb.Header.Signals[s].Description == "MLII");
        var lead = AtrialActivity.Filter(wfdb.Physical(mlii), wfdb.SamplingFrequency);
        var beats = new List<(long Sample, bool Ectopic, bool Af)>();
        string rhythm = "(N";
        foreach (var a in reference)
        {
            if (a.Symbol == "+" && a.AuxText is { } aux) rhythm = aux;
            else if (AamiMapping.IsBeat(a.Symbol)) beats.Add((a.Sample, AamiMapping.Beats[a.Symbol] != AamiClass.N, rhythm is "(AFIB" or "(AFL"));
        }
        var consistency = AtrialActivity.Consistency(lead, beats.Select(b => b.Sample).ToArray(), beats.Select(b => b.Ectopic).ToArray(), wfdb.SamplingFrequency);
        var af = new List<double>();
        var other = new List<double>();
        for (int i = 0; i < beats.Count; i++) (beats[i].Af ? af : other).Add(consistency[i]);
        return (af.Where(v => !double.IsNaN(v)).ToList(), other.Where(v => !double.IsNaN(v)).ToList());
    }
}
