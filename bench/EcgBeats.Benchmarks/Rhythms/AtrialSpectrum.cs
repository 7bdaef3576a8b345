using System.Numerics;
using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Rhythms;
using EcgBeats.Wfdb;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace EcgBeats.Benchmarks.Rhythms;

/// <summary>
/// Not a timing benchmark: whether the atrial activity's spectrum tells atrial flutter from atrial fibrillation in DS1
/// (docs/rhythm.md, "Flutter"). The textbook measure: cancel each QRST by subtracting the mean of its 20 neighbours of
/// the same kind (average beat subtraction, window 250 ms before to 450 ms after the R peak), blank 80 ms either side
/// of every R peak (what subtraction leaves of the QRS), and read the residual's Welch spectrum (4 s Hann windows, half
/// overlapping, 0.05 Hz bins) over 10 s stretches that lie at least 90% in one reference rhythm. Flutter's atrial
/// rate is 200-340 per minute (3.3-5.7 Hz) and its F waves repeat, so its spectrum should peak there, sharply; AF's
/// f waves are faster and disorganised. The organisation is the share of 2-15 Hz power within 0.5 Hz of the peak
/// (3-10 Hz) and of its second harmonic. Reference beats and rhythms, lead MLII, DS1 only.
/// Run: <c>ECGBEATS_DATA=../shared/mitdb dotnet run -c Release --project bench/EcgBeats.Benchmarks -- atrial-spectrum</c>
/// </summary>
internal static class AtrialSpectrum
{
    private const double StretchSeconds = 10, WelchSeconds = 4, BinHz = 0.05, LowHz = 2, HighHz = 15;

    public static void Run()
    {
        string dir = BenchData.MitDb;
        var rows = DeChazal2004Split.Ds1.AsParallel().AsOrdered().SelectMany(record => Stretches(dir, record)).ToList();
        Console.WriteLine("| record | reference rhythm | 10 s stretches | organisation p10 / p50 / p90 | peak in 3.3-5.7 Hz |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => (r.Record, r.Rhythm)).Where(g => g.Key.Rhythm is "(AFIB" or "(AFL" || g.Key.Record is "201" or "203"))
        {
            var organisation = group.Select(r => r.Organisation).Order().ToArray();
            int flutterBand = group.Count(r => r.PeakHz is >= 3.3 and <= 5.7);
            Console.WriteLine($"| {group.Key.Record} | {group.Key.Rhythm} | {group.Count()} | {Percentile(organisation, 0.1):0.00} / {Percentile(organisation, 0.5):0.00} / {Percentile(organisation, 0.9):0.00} | {flutterBand} ({100.0 * flutterBand / group.Count():0}%) |");
        }
        var sinus = rows.Where(r => r.Rhythm == "(N").Select(r => r.Organisation).Order().ToArray();
        int sinusBand = rows.Count(r => r.Rhythm == "(N" && r.PeakHz is >= 3.3 and <= 5.7);
        Console.WriteLine($"| all DS1 | (N | {sinus.Length} | {Percentile(sinus, 0.1):0.00} / {Percentile(sinus, 0.5):0.00} / {Percentile(sinus, 0.9):0.00} | {sinusBand} ({100.0 * sinusBand / sinus.Length:0}%) |");
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static IEnumerable<(string Record, string Rhythm, double PeakHz, double Organisation)> Stretches(string dir, string name)
    {
        var record = RecordReader.Read(Path.Combine(dir, name));
        double fs = record.SamplingFrequency;
        int lead = Math.Max(0, record.Header.Signals.ToList().FindIndex(s => s.Description == "MLII"));
        var x = AtrialActivity.Filter(record.Physical(lead), fs);
        var annotations = AnnotationReader.ReadFile(Path.Combine(dir, name + ".atr"));
        var beats = annotations.Where(a => AamiMapping.IsBeat(a.Symbol)).ToList();
        var residual = Residual(x, beats, fs);

        // The reference rhythm at each sample: the last rhythm annotation's aux text.
        var rhythm = new string[x.Length];
        var changes = annotations.Where(a => a.Symbol == "+" && a.AuxText is { Length: > 0 }).ToList();
        string current = "(N";
        for (int t = 0, c = 0; t < x.Length; t++)
        {
            while (c < changes.Count && changes[c].Sample <= t) current = changes[c++].AuxText!;
            rhythm[t] = current;
        }

        int stretch = (int)(StretchSeconds * fs), welch = (int)(WelchSeconds * fs), padded = (int)Math.Round(fs / BinHz);
        var hann = Window.Hann(welch);
        for (int s0 = 0; s0 + stretch <= x.Length; s0 += stretch)
        {
            var main = rhythm.Skip(s0).Take(stretch).GroupBy(v => v).MaxBy(g => g.Count())!;
            if (main.Count() < 0.9 * stretch) continue;
            var power = new double[padded / 2];
            for (int a = s0; a + welch <= s0 + stretch; a += welch / 2)
            {
                var buffer = new Complex[padded];
                for (int k = 0; k < welch; k++) buffer[k] = residual[a + k] * hann[k];
                Fourier.Forward(buffer, FourierOptions.Matlab);
                for (int k = 0; k < power.Length; k++) power[k] += buffer[k].Magnitude * buffer[k].Magnitude;
            }
            int peak = -1;
            double total = 0;
            for (int k = 0; k < power.Length; k++)
            {
                double f = k * BinHz;
                if (f is >= 3 and <= 10 && (peak < 0 || power[k] > power[peak])) peak = k;
                if (f is >= LowHz and <= HighHz) total += power[k];
            }
            double peakHz = peak * BinHz, near = 0;
            for (int k = 0; k < power.Length; k++)
            {
                double f = k * BinHz;
                if (f is >= LowHz and <= HighHz && (Math.Abs(f - peakHz) <= 0.5 || Math.Abs(f - 2 * peakHz) <= 0.5)) near += power[k];
            }
            yield return (name, main.Key, peakHz, near / total);
        }
    }

    /// <summary>The lead minus each beat's QRST template (the mean of up to 10 neighbours each side of its kind), QRS blanked.</summary>
    private static double[] Residual(double[] x, IReadOnlyList<Annotation> beats, double fs)
    {
        int before = (int)(0.25 * fs), after = (int)(0.45 * fs), length = before + after, blank = (int)(0.08 * fs);
        var residual = (double[])x.Clone();
        int n = beats.Count;
        var r = beats.Select(b => (int)b.Sample).ToArray();
        var kind = beats.Select(b => AamiMapping.Beats[b.Symbol]).ToArray();
        var template = new double[length];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(template);
            int count = 0;
            for (int j = Math.Max(0, i - 10); j <= Math.Min(n - 1, i + 10); j++)
            {
                if (j == i || kind[j] != kind[i] || r[j] - before < 0 || r[j] + after > x.Length) continue;
                for (int k = 0; k < length; k++) template[k] += x[r[j] - before + k];
                count++;
            }
            if (count == 0) continue;
            // Each sample belongs to its nearest beat.
            int from = i > 0 ? (r[i - 1] + r[i]) / 2 : 0, to = i < n - 1 ? (r[i] + r[i + 1]) / 2 : x.Length;
            for (int k = 0; k < length; k++)
            {
                int t = r[i] - before + k;
                if (t >= from && t < to && t >= 0 && t < x.Length) residual[t] -= template[k] / count;
            }
        }
        foreach (int peak in r)
            for (int t = Math.Max(0, peak - blank); t < Math.Min(x.Length, peak + blank); t++) residual[t] = 0;
        return residual;
    }
}
