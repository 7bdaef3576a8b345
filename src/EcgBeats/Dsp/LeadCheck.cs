namespace EcgBeats.Dsp;

/// <summary>What a look at a lead's raw samples found before its beats are sought.</summary>
/// <param name="SaturatedSeconds">Time the lead spends clipped at its extreme values.</param>
/// <param name="Warnings">Sentences for the user, empty when the lead looks usable.</param>
public sealed record LeadQuality(double SaturatedSeconds, IReadOnlyList<string> Warnings);

/// <summary>
/// Checks a lead before analysis: a lead that never changes (disconnected, or absent and stored as a
/// constant) is an error; stretches clipped at the amplifier's limits are reported, since beats inside
/// them cannot be found.
/// </summary>
public static class LeadCheck
{
    /// <summary>A run of equal samples at the lead's minimum or maximum at least this long counts as saturated.</summary>
    public const double SaturationRunSeconds = 0.1;

    /// <summary>Inspects a lead's ADC samples.</summary>
    /// <param name="adc">The samples as stored.</param>
    /// <param name="description">The lead's name, e.g. MLII.</param>
    /// <param name="record">The record's name, for messages.</param>
    /// <param name="samplingFrequency">Hz.</param>
    /// <param name="invalid">A value that marks a missing sample (WFDB's -32768), skipped: a gap is neither the lead's
    /// range nor a clipped stretch; null when every value is a sample.</param>
    /// <exception cref="InvalidInputException">The lead is empty, flat, or has no valid sample.</exception>
    public static LeadQuality Inspect(int[] adc, string description, string record, double samplingFrequency, int? invalid = null)
    {
        string lead = description.Length > 0 ? $"lead {description}" : "the lead";
        if (adc.Length == 0) throw new InvalidInputException($"{record}: {lead} has no samples");
        int min = int.MaxValue, max = int.MinValue;
        long valid = 0;
        foreach (int v in adc)
        {
            if (v == invalid) continue;
            valid++;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (valid == 0)
            throw new InvalidInputException($"{record}: {lead} holds no valid sample: all {adc.Length:N0} are marked invalid ({invalid}); no beats to find");
        if (min == max)
            throw new InvalidInputException($"{record}: {lead} is flat: all {valid:N0} valid samples are {min} (a disconnected or missing lead?); no beats to find");

        int minimumRun = Math.Max(2, (int)Math.Round(SaturationRunSeconds * samplingFrequency));
        long saturated = 0;
        long? first = null;
        for (int n = 0; n < adc.Length;)
        {
            int run = 1;
            while (n + run < adc.Length && adc[n + run] == adc[n]) run++;
            if (run >= minimumRun && adc[n] != invalid && (adc[n] == min || adc[n] == max))
            {
                saturated += run;
                first ??= n;
            }
            n += run;
        }
        double seconds = saturated / samplingFrequency;
        var warnings = new List<string>();
        if (saturated > 0)
            warnings.Add($"{record}: {lead} is clipped at its limits for {seconds:0.#} s ({100.0 * saturated / adc.Length:0.#}% of the record, first at {first / samplingFrequency:0.##} s); beats there may be missed");
        return new LeadQuality(seconds, warnings);
    }
}
