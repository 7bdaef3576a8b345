using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Metrics;

/// <summary>
/// Deterministic "test annotators" made from a record's reference annotations, to compare our beat-by-beat comparator with
/// WFDB's bxb on every record without committing 48 annotation files: the same seed gives the same annotations on every
/// machine (Mersenne Twister). They exercise every path of the comparison: missed and extra beats, shifts around the
/// 150 ms window, every beat code (escape beats, B, r, n, ?, ! included), test shutdowns (noise with subtype 0x30) and
/// test flutter episodes. tests/Fixtures/bxb/README.md says how bxb's reports of them were made.
/// </summary>
internal static class SyntheticTestAnnotator
{
    /// <summary>The annotators: name (file extension), seed, and how hard each perturbs.</summary>
    public static readonly IReadOnlyList<(string Name, int Seed, double Relabel, double Drop, double Extra, int Jitter)> Annotators =
    [
        ("tsa", 1, 0.08, 0.02, 0.02, 20),
        ("tsb", 2, 0.25, 0.005, 0.005, 8),
    ];

    private static readonly string[] BeatSymbols = ["N", "L", "R", "A", "a", "J", "S", "V", "E", "F", "/", "f", "Q", "e", "j", "n", "B", "r", "!", "?"];

    /// <summary>The test annotations of one annotator for a record of <paramref name="length"/> samples.</summary>
    public static List<Annotation> Make(IReadOnlyList<Annotation> reference, long length, int seed, double relabel, double drop, double extra, int jitter)
    {
        var random = SeededRandom.Create(seed * 1000 + (int)(length % 997));
        var output = new List<Annotation>();
        Annotation Beat(long sample, string symbol) => new(Math.Clamp(sample, 0, length - 1), AnnotationCodes.Code(symbol));
        foreach (var a in reference)
        {
            if (!BeatLabels.IsBeat(a.Code))
            {
                // Noise changes and flutter episodes stay (the test then has the reference's shutdowns and VF too); half the rest go.
                if (a.Code is 14 or 32 or 33 || random.NextDouble() < 0.5) output.Add(a with { Channel = 0, Number = 0 });
                continue;
            }
            if (random.NextDouble() < drop) continue;
            long shift = random.NextDouble() < 0.03
                ? (random.Next(2) == 0 ? -1 : 1) * random.Next(48, 72)   // around the 54-sample window at 360 Hz
                : random.Next(-jitter, jitter + 1);
            string symbol = random.NextDouble() < relabel ? BeatSymbols[random.Next(BeatSymbols.Length)] : a.Symbol;
            output.Add(Beat(a.Sample + shift, symbol));
            if (random.NextDouble() < extra)
                output.Add(Beat(a.Sample + random.Next(20, 250), BeatSymbols[random.Next(BeatSymbols.Length)]));
        }
        // Two test shutdowns (noise, both signals unreadable, until a noise change) and, now and then, one left open
        // until the next beat (bxb then shortens it by the match window) and a test flutter episode.
        for (int k = 0; k < 2; k++)
        {
            long at = random.Next(1000, (int)Math.Max(1001, length - 10_000));
            output.Add(new Annotation(at, 14, Subtype: 0x30));
            output.Add(new Annotation(at + random.Next(360, 3600), 14, Subtype: 0));
        }
        if (random.NextDouble() < 0.5) output.Add(new Annotation(random.Next(1000, (int)Math.Max(1001, length - 10_000)), 14, Subtype: 0x31));
        if (random.NextDouble() < 0.3)
        {
            long at = random.Next(1000, (int)Math.Max(1001, length - 10_000));
            output.Add(new Annotation(at, 32));
            output.Add(new Annotation(at + random.Next(200, 2000), 33));
        }
        // In time order; annotations at one time keep their order of making.
        return output.Select((a, i) => (a, i)).OrderBy(p => p.a.Sample).ThenBy(p => p.i).Select(p => p.a).ToList();
    }
}
