namespace EcgBeats.Dsp;

/// <summary>The last steps both QRS detectors share: where a detected beat is put, and detections of one complex merged.</summary>
internal static class DetectedBeatPositions
{
    /// <summary>
    /// Where a detected beat is: the largest magnitude of <paramref name="bandPassed"/> (the lead band-passed
    /// 5-15 Hz, zero phase) within <paramref name="halfWidth"/> samples of the detection. Over MIT-BIH this lands
    /// within 3 samples (8 ms) of the reference annotation for 97% of N beats and 80% of V beats
    /// (docs/records.md, <c>detector-variants</c>). The beat cut starts here.
    /// </summary>
    public static int Place(double[] bandPassed, int detection, int halfWidth)
    {
        int from = Math.Max(0, detection - halfWidth), to = Math.Min(bandPassed.Length, detection + halfWidth + 1);
        int best = from;
        for (int n = from; n < to; n++)
            if (Math.Abs(bandPassed[n]) > Math.Abs(bandPassed[best])) best = n;
        return best;
    }

    /// <summary>
    /// Beats closer than the refractory period are one beat (two detections that settled on the same
    /// complex): the one with the larger peak stays. Returns the positions, ascending.
    /// </summary>
    public static List<long> MergeWithinRefractory(IEnumerable<(int Position, double Peak)> located, int refractory)
    {
        var kept = new List<(int Position, double Peak)>();
        foreach (var beat in located.OrderBy(b => b.Position))
        {
            if (kept.Count > 0 && beat.Position - kept[^1].Position < refractory)
            {
                if (beat.Peak > kept[^1].Peak) kept[^1] = beat;
                continue;
            }
            kept.Add(beat);
        }
        return kept.Select(b => (long)b.Position).ToList();
    }
}
