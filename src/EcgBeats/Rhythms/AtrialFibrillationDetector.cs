namespace EcgBeats.Rhythms;

/// <summary>
/// Finds atrial fibrillation from beat times and the beats' calls (<see cref="RrIrregularity"/>): a beat whose
/// window is at least <see cref="Threshold"/> irregular is in AF; runs of such beats closer than <see cref="BridgeBeats"/>
/// are joined, and a run shorter than <see cref="FewestBeats"/> is dropped. Everything else is <see cref="Rhythm.Other"/>.
/// <code>var episodes = new AtrialFibrillationDetector().Detect(positions, calledOtherThanN, 360);</code>
/// </summary>
/// <remarks>
/// The threshold was chosen on DS1 by record-fold cross-validation (<c>ecgbeats cross-validate --rhythm</c>;
/// docs/rhythm.md gives the table it was chosen from). The window (±30 beats), the bridge and the shortest episode were
/// set once, not tuned: a window's median moves when half of it is AF, so episode edges fall within a few beats of the
/// true ones, and episodes shorter than about half a window cannot be seen. Beat times cannot tell frequent,
/// unpatterned premature beats (no coupling interval repeating) from AF; a detector of the atrial activity could.
/// </remarks>
public sealed class AtrialFibrillationDetector
{
    /// <summary>The irregularity at and above which a beat is in AF (DS1 cross-validation).</summary>
    public const double DefaultThreshold = 0.045;

    /// <summary>The irregularity at and above which a beat is in AF.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>AF runs separated by fewer beats than this are one episode.</summary>
    public int BridgeBeats { get; init; } = 10;

    /// <summary>AF episodes of fewer beats are dropped (their beats go back to the surrounding rhythm).</summary>
    public int FewestBeats { get; init; } = 20;

    /// <summary>The record's rhythm as consecutive episodes covering every beat (none for a record without beats).</summary>
    /// <param name="positions">Beat positions in samples, ascending.</param>
    /// <param name="ectopic">Whether each beat is called anything but N (its intervals are left out).</param>
    /// <param name="samplingFrequency">The positions' rate, Hz.</param>
    public IReadOnlyList<RhythmEpisode> Detect(IReadOnlyList<long> positions, IReadOnlyList<bool> ectopic, double samplingFrequency) =>
        Episodes(InAf(RrIrregularity.Compute(positions, ectopic, samplingFrequency)), positions);

    /// <summary>Each beat's call from its irregularity, after bridging and dropping short runs.</summary>
    public bool[] InAf(IReadOnlyList<double> irregularity)
    {
        int n = irregularity.Count;
        var af = new bool[n];
        for (int i = 0; i < n; i++) af[i] = irregularity[i] >= Threshold; // NaN: not AF
        // Bridge short gaps between AF runs, then drop short runs.
        int lastAf = -1;
        for (int i = 0; i < n; i++)
        {
            if (!af[i]) continue;
            if (lastAf >= 0 && i - lastAf - 1 > 0 && i - lastAf - 1 < BridgeBeats)
                for (int j = lastAf + 1; j < i; j++) af[j] = true;
            lastAf = i;
        }
        for (int i = 0; i < n;)
        {
            if (!af[i]) { i++; continue; }
            int j = i;
            while (j < n && af[j]) j++;
            if (j - i < FewestBeats) for (int k = i; k < j; k++) af[k] = false;
            i = j;
        }
        return af;
    }

    /// <summary>Consecutive episodes from each beat's call.</summary>
    public static IReadOnlyList<RhythmEpisode> Episodes(IReadOnlyList<bool> inAf, IReadOnlyList<long> positions)
    {
        var episodes = new List<RhythmEpisode>();
        int n = positions.Count;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && inAf[j] == inAf[i]) j++;
            long end = j < n ? positions[j] : positions[n - 1] + 1;
            episodes.Add(new RhythmEpisode(positions[i], end, inAf[i] ? Rhythm.AtrialFibrillation : Rhythm.Other, i, j - i));
            i = j;
        }
        return episodes;
    }
}
