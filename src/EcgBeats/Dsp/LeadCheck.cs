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
    /// <exception cref="InvalidInputException">The lead is empty or flat.</exception>
    public static LeadQuality Inspect(int[] adc, string description, string record, double samplingFrequency)
    {
        string lead = description.Length > 0 ? $"lead {description}" : "the lead";
        if (adc.Length == 0) throw new InvalidInputException($"{record}: {lead} has no samples");
        int min = adc.Min(), max = adc.Max();
        if (min == max)
            throw new InvalidInputException($"{record}: {lead} is flat: all {adc.Length:N0} samples are {min} (a disconnected or missing lead?); no beats to find");

        int minimumRun = Math.Max(2, (int)Math.Round(SaturationRunSeconds * samplingFrequency));
        long saturated = 0;
        long? first = null;
        for (int n = 0; n < adc.Length;)
        {
            int run = 1;
            while (n + run < adc.Length && adc[n + run] == adc[n]) run++;
            if (run >= minimumRun && (adc[n] == min || adc[n] == max))
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
