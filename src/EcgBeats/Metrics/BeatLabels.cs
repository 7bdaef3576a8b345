using EcgBeats.Wfdb;

namespace EcgBeats.Metrics;

/// <summary>How beat annotation codes map to the five AAMI classes when two annotation files are compared.</summary>
public enum BeatClassMapping
{
    /// <summary>
    /// WFDB <c>bxb</c>'s mapping when it reports SVEB statistics (<c>-L</c>, <c>-S</c>, <c>-C</c>): the escape beats
    /// <c>e</c>, <c>j</c> and <c>n</c> count as S, with A, a, J and S.
    /// </summary>
    Bxb,

    /// <summary>
    /// de Chazal et al. (2004) and the published inter-patient results: the escape beats <c>e</c>, <c>j</c> (and <c>n</c>)
    /// count as N; S is A, a, J, S. The datasets' labels (<see cref="Beats.AamiMapping"/>) follow this mapping.
    /// </summary>
    DeChazal,
}

/// <summary>
/// The beat labels EC57 comparisons count, as WFDB's <c>bxb</c> defines them: which annotation codes are beats
/// (<c>isqrs</c>: codes 1-13, B, ?, !, e, n, f, r) and which class each is (<c>amap</c>).
/// </summary>
public static class BeatLabels
{
    /// <summary>Label of a beat that is no AAMI class (bxb's <c>O</c>, e.g. a flutter wave <c>!</c>).</summary>
    public const char Other = 'O';

    private static readonly bool[] IsBeatCode = BuildBeats();

    private static bool[] BuildBeats()
    {
        var beats = new bool[AnnotationCodes.MaxCode + 1];
        foreach (int code in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 31, 34, 35, 38, 41 }) beats[code] = true;
        return beats;
    }

    /// <summary>Whether a code is a beat (a QRS complex) to bxb.</summary>
    public static bool IsBeat(int code) => code is > 0 and <= AnnotationCodes.MaxCode && IsBeatCode[code];

    /// <summary>The label (N, S, V, F, Q, or O for other annotations) of a code under <paramref name="mapping"/>.</summary>
    public static char Label(int code, BeatClassMapping mapping) => code switch
    {
        1 or 2 or 3 or 25 => 'N',                                       // N L R B
        4 or 7 or 8 or 9 => 'S',                                        // a J A S
        11 or 34 or 35 => mapping == BeatClassMapping.Bxb ? 'S' : 'N',  // j e n: escape beats
        5 or 10 or 41 => 'V',                                           // V E r
        6 => 'F',
        12 or 13 or 30 or 38 => 'Q',                                    // / Q ? f
        _ => Other,
    };
}
