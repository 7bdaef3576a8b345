using EcgBeats.Beats;

namespace EcgBeats.Rhythms;

/// <summary>
/// The beat decision that knows the rhythm: in atrial fibrillation or flutter every beat comes early or late, and
/// MIT-BIH (and AAMI's convention) labels the beats of those rhythms N unless they are ventricular, so a beat called S
/// inside an AF episode becomes N. Ventricular, fusion and unknown calls are left as they are; outside AF nothing changes,
/// so premature beats in a regular rhythm, however frequent, keep their S.
/// </summary>
public static class RhythmGate
{
    /// <summary>The class a beat gets given the model's call and whether it is in AF.</summary>
    public static AamiClass Apply(AamiClass called, bool inAtrialFibrillation) =>
        inAtrialFibrillation && called == AamiClass.S ? AamiClass.N : called;
}

/// <summary>A record's beat calls made rhythm-aware: its AF found from the times of the beats called N, then the gate.</summary>
/// <param name="Classes">Each beat's class after the gate.</param>
/// <param name="InAtrialFibrillation">Whether each beat is in a detected AF episode.</param>
/// <param name="Episodes">The record's rhythm, consecutive episodes covering every beat.</param>
public sealed record RhythmAwareCalls(AamiClass[] Classes, bool[] InAtrialFibrillation, IReadOnlyList<RhythmEpisode> Episodes)
{
    /// <summary>Detects AF in one record and gates its calls (the one place <c>annotate</c>, the EC57 scores and the cross-validation do it).</summary>
    /// <param name="positions">The beats' positions (samples), ascending.</param>
    /// <param name="calls">The model's call for each beat.</param>
    /// <param name="samplingFrequency">The positions' rate, Hz.</param>
    /// <param name="detector">The AF detector; null: no rhythm (calls unchanged, no episodes).</param>
    /// <param name="lead">The lead the detector reads P waves from (<see cref="AtrialActivity.Filter"/>), or null: beat times alone.</param>
    public static RhythmAwareCalls Of(IReadOnlyList<long> positions, IReadOnlyList<AamiClass> calls, double samplingFrequency, AtrialFibrillationDetector? detector,
        double[]? lead = null)
    {
        var inAf = new bool[positions.Count];
        if (detector is null || positions.Count == 0) return new RhythmAwareCalls([.. calls], inAf, []);
        var ectopic = calls.Select(c => c != AamiClass.N).ToArray();
        inAf = detector.InAf(positions, ectopic, samplingFrequency, lead);
        var classes = calls.Select((c, i) => RhythmGate.Apply(c, inAf[i])).ToArray();
        return new RhythmAwareCalls(classes, inAf, AtrialFibrillationDetector.Episodes(inAf, positions));
    }
}
