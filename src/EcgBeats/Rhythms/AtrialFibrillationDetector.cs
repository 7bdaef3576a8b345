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
    /// <summary>The irregularity at and above which a beat is in AF from beat times alone (DS1 cross-validation).</summary>
    public const double DefaultThreshold = 0.045;

    /// <summary>The irregularity at and above which a beat whose P waves are absent is in AF (DS1 cross-validation).</summary>
    public const double DefaultThresholdWithPWaves = 0.02;

    /// <summary>The P-wave consistency at and above which a beat is not in AF (set from DS1's reference: below every AF median, above sinus rhythm's 5th percentiles).</summary>
    public const double DefaultPWaveThreshold = 0.5;

    /// <summary>The irregularity at and above which a beat is in AF when its P waves cannot be read (no lead, or too few scored beats around it).</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>The irregularity at and above which a beat is in AF when its P waves can be read and are absent.</summary>
    public double ThresholdWithPWaves { get; init; } = DefaultThresholdWithPWaves;

    /// <summary>
    /// With a lead to read: a beat whose neighbours share a P wave this consistently (<see cref="AtrialActivity"/>) is not
    /// in AF, however irregular its rhythm, and one whose P waves are absent needs only <see cref="ThresholdWithPWaves"/>;
    /// null: beat times alone. On by default since the third declaration, which was made without it (docs/rhythm.md).
    /// </summary>
    public double? PWaveThreshold { get; init; } = DefaultPWaveThreshold;

    /// <summary>What it decides on, for stamps: <c>rr-irregularity 0.045</c>, then <c>p-wave 0.5</c> when it reads P waves.</summary>
    public string Describe() =>
        $"rr-irregularity {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
        (PWaveThreshold is { } p ? $", p-wave {p.ToString(System.Globalization.CultureInfo.InvariantCulture)} with rr-irregularity {ThresholdWithPWaves.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");

    /// <summary>AF runs separated by fewer beats than this are one episode.</summary>
    public int BridgeBeats { get; init; } = 10;

    /// <summary>AF episodes of fewer beats are dropped (their beats go back to the surrounding rhythm).</summary>
    public int FewestBeats { get; init; } = 20;

    /// <summary>The record's rhythm as consecutive episodes covering every beat (none for a record without beats).</summary>
    /// <param name="positions">Beat positions in samples, ascending.</param>
    /// <param name="ectopic">Whether each beat is called anything but N (its intervals are left out).</param>
    /// <param name="samplingFrequency">The positions' rate, Hz.</param>
    /// <param name="lead">The lead the P waves are read from (<see cref="AtrialActivity.Filter"/>), or null: beat times alone.</param>
    public IReadOnlyList<RhythmEpisode> Detect(IReadOnlyList<long> positions, IReadOnlyList<bool> ectopic, double samplingFrequency, double[]? lead = null) =>
        Episodes(InAf(positions, ectopic, samplingFrequency, lead), positions);

    /// <summary>Whether each beat is in AF: its rhythm, and with <paramref name="lead"/> and <see cref="PWaveThreshold"/>, its P waves.</summary>
    public bool[] InAf(IReadOnlyList<long> positions, IReadOnlyList<bool> ectopic, double samplingFrequency, double[]? lead)
    {
        var irregularity = RrIrregularity.Compute(positions, ectopic, samplingFrequency);
        var consistency = lead is not null && PWaveThreshold is not null ? AtrialActivity.Consistency(lead, positions, ectopic, samplingFrequency) : null;
        return InAf(irregularity, consistency);
    }

    /// <summary>Each beat's call from its irregularity (and P-wave consistency, where given), after bridging and dropping short runs.</summary>
    public bool[] InAf(IReadOnlyList<double> irregularity, IReadOnlyList<double>? pWaveConsistency = null)
    {
        int n = irregularity.Count;
        var af = new bool[n];
        for (int i = 0; i < n; i++)
        {
            // NaN irregularity: not AF. P waves read (consistency not NaN): a shared P wave rules AF out, absent P waves
            // need less irregularity; not read: beat times alone.
            af[i] = pWaveConsistency is not null && PWaveThreshold is { } p && !double.IsNaN(pWaveConsistency[i])
                ? pWaveConsistency[i] < p && irregularity[i] >= ThresholdWithPWaves
                : irregularity[i] >= Threshold;
        }
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
