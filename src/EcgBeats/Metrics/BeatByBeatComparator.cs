using EcgBeats.Beats;
using EcgBeats.Wfdb;

namespace EcgBeats.Metrics;

/// <summary>How two annotation files are compared beat by beat; the defaults are ANSI/AAMI EC57's.</summary>
/// <param name="MatchWindowSeconds">A test beat matches a reference beat within this distance (EC57: 150 ms).</param>
/// <param name="StartSeconds">Beats before this time are not compared (EC57: the first 5 minutes are the
/// algorithm's learning period); 0 compares the whole record.</param>
/// <param name="EndSeconds">Beats after this time are not compared; null: to the end.</param>
public sealed record BeatComparisonOptions(double MatchWindowSeconds = 0.15, double StartSeconds = 300, double? EndSeconds = null);

/// <summary>
/// Pairs the beats of a reference and a test annotation file as ANSI/AAMI EC57 prescribes and WFDB's
/// <c>bxb</c> does, and counts the pairs into a <see cref="BeatComparison"/>.
/// </summary>
/// <remarks>
/// Both beat sequences are walked in time order. The earlier of the current reference beat T and test
/// beat t is paired with the other when they are within the match window and the pair is the better
/// match: closer than the other one's next beat, or that next beat matches its own next partner
/// better still (the 2002 refinement of the rule for beats closer than twice the window). A beat
/// left without a partner is a missed beat (reference, column o) or an extra detection (test, row O).
/// Reference ventricular flutter episodes (between <c>[</c> and <c>]</c>) are left out: neither
/// their reference beats nor test beats inside them count. Beat symbols map to AAMI classes with
/// <see cref="AamiMapping"/>, the mapping the datasets use (de Chazal 2004), which puts the escape beats
/// e and j in N; <c>bxb -S</c> puts them in S (16 e and 229 j beats in the MIT-BIH database).
/// </remarks>
public static class BeatByBeatComparator
{
    private readonly record struct Beat(long Sample, int Class);

    /// <summary>Compares the beats of one record.</summary>
    /// <param name="record">The record's name, for the result.</param>
    /// <param name="reference">Reference annotations (e.g. <c>atr</c>), in time order, beats and others.</param>
    /// <param name="test">Test annotations, in time order.</param>
    /// <param name="samplingFrequency">The record's sampling frequency, Hz (annotation times are in its samples).</param>
    /// <param name="options">Match window and compared interval.</param>
    public static BeatComparison Compare(string record, IReadOnlyList<Annotation> reference, IReadOnlyList<Annotation> test,
        double samplingFrequency, BeatComparisonOptions? options = null)
    {
        options ??= new BeatComparisonOptions();
        long window = (long)Math.Round(options.MatchWindowSeconds * samplingFrequency);
        long start = (long)Math.Round(options.StartSeconds * samplingFrequency);
        long end = options.EndSeconds is double e ? (long)Math.Round(e * samplingFrequency) : long.MaxValue / 4;

        var flutter = FlutterEpisodes(reference);
        var refBeats = Beats(reference, flutter);
        var testBeats = Beats(test, flutter);
        var result = new BeatComparison(record);

        // A test beat just before the start can still be the partner of the first reference beat.
        int i = First(refBeats, start), j = First(testBeats, start - window);
        const long Never = long.MaxValue / 2;
        while (true)
        {
            long T = At(refBeats, i, end), t = At(testBeats, j, end + window);
            if (T == Never && t == Never) break;
            long nextT = At(refBeats, i + 1, end), nextt = At(testBeats, j + 1, end + window);
            if (t < T)
            {
                if (T - t <= window && (T - t < Math.Abs(T - nextt) || Math.Abs(nextT - nextt) < Math.Abs(T - nextt)))
                {
                    result.Add(refBeats[i].Class, testBeats[j].Class);
                    i++; j++;
                }
                else
                {
                    // An extra detection counts only inside the compared interval.
                    if (t >= start && t <= end) result.Add(BeatComparison.Unmatched, testBeats[j].Class);
                    j++;
                }
            }
            else
            {
                if (t - T <= window && (t - T < Math.Abs(t - nextT) || Math.Abs(nextt - nextT) < Math.Abs(t - nextT)))
                {
                    result.Add(refBeats[i].Class, testBeats[j].Class);
                    i++; j++;
                }
                else
                {
                    result.Add(refBeats[i].Class, BeatComparison.Unmatched);
                    i++;
                }
            }
        }
        return result;

        long At(List<Beat> beats, int k, long last) => k < beats.Count && beats[k].Sample <= last ? beats[k].Sample : Never;
    }

    private static int First(List<Beat> beats, long from)
    {
        int k = 0;
        while (k < beats.Count && beats[k].Sample < from) k++;
        return k;
    }

    /// <summary>The beats of an annotation list with their AAMI class, leaving out those inside flutter episodes.</summary>
    private static List<Beat> Beats(IReadOnlyList<Annotation> annotations, List<(long From, long To)> flutter)
    {
        var beats = new List<Beat>(annotations.Count);
        foreach (var a in annotations)
        {
            if (flutter.Exists(f => a.Sample >= f.From && a.Sample <= f.To)) continue;
            if (AamiMapping.TryMap(a.Symbol, out var c)) beats.Add(new Beat(a.Sample, (int)c));
        }
        return beats;
    }

    /// <summary>Ventricular flutter/fibrillation episodes of the reference: from each <c>[</c> to the next <c>]</c> (or the end).</summary>
    private static List<(long From, long To)> FlutterEpisodes(IReadOnlyList<Annotation> reference)
    {
        var episodes = new List<(long, long)>();
        long? open = null;
        foreach (var a in reference)
        {
            if (a.Symbol == "[") open ??= a.Sample;
            else if (a.Symbol == "]" && open is long from) { episodes.Add((from, a.Sample)); open = null; }
        }
        if (open is long still) episodes.Add((still, long.MaxValue));
        return episodes;
    }
}
