using EcgBeats.Wfdb;

namespace EcgBeats.Rhythms;

/// <summary>The rhythms EcgBeats tells apart, and the WFDB aux text of each (as MIT-BIH's <c>.atr</c> files write them).</summary>
public enum Rhythm
{
    /// <summary>Not atrial fibrillation or flutter: written <c>(N</c>, MIT-BIH's "normal sinus rhythm", the rhythm AAMI's beat classes assume.</summary>
    Other,

    /// <summary>Atrial fibrillation (or flutter with an irregular ventricular response, which beat times cannot tell from it): <c>(AFIB</c>.</summary>
    AtrialFibrillation,
}

/// <summary>One stretch of one rhythm.</summary>
/// <param name="Start">The first beat's sample.</param>
/// <param name="End">The first sample after the episode: the next episode's first beat, or the last beat + 1.</param>
/// <param name="Rhythm">Which rhythm.</param>
/// <param name="FirstBeat">The index of its first beat in the record's beats.</param>
/// <param name="Beats">How many beats it holds.</param>
public sealed record RhythmEpisode(long Start, long End, Rhythm Rhythm, int FirstBeat, int Beats)
{
    /// <summary>The aux text of a rhythm change to <paramref name="rhythm"/>.</summary>
    public static string Aux(Rhythm rhythm) => rhythm == Rhythm.AtrialFibrillation ? "(AFIB" : "(N";

    /// <summary>Whether annotations hold atrial fibrillation or flutter (a rhythm change to <c>(AFIB</c> or <c>(AFL</c>): the records whose beats the gate is for.</summary>
    public static bool HoldAtrialFibrillationOrFlutter(IEnumerable<Annotation> annotations) =>
        annotations.Any(a => a.Symbol == "+" && a.AuxText is "(AFIB" or "(AFL");

    /// <summary>
    /// The episodes as WFDB rhythm-change annotations (<c>+</c>, aux <see cref="Aux"/>), one at the start of each, as
    /// MIT-BIH's reference files carry them: placed 0.2 s before the episode's first beat (MIT-BIH's annotators put
    /// them 0.15-0.25 s before), but after the beat before it and not before sample 0.
    /// </summary>
    /// <param name="episodes">Consecutive episodes, in time order.</param>
    /// <param name="positions">The record's beat positions (samples).</param>
    /// <param name="samplingFrequency">Their rate, Hz.</param>
    /// <param name="channel">The annotations' <c>chan</c> field.</param>
    public static IReadOnlyList<Annotation> ToAnnotations(IReadOnlyList<RhythmEpisode> episodes, IReadOnlyList<long> positions, double samplingFrequency, int channel = 0)
    {
        byte code = AnnotationCodes.Code("+");
        long lead = (long)Math.Round(0.2 * samplingFrequency);
        var result = new List<Annotation>(episodes.Count);
        foreach (var e in episodes)
        {
            long floor = e.FirstBeat > 0 ? positions[e.FirstBeat - 1] + 1 : 0;
            result.Add(new Annotation(Math.Max(floor, e.Start - lead), code, Channel: channel, Aux: Aux(e.Rhythm)));
        }
        return result;
    }
}
