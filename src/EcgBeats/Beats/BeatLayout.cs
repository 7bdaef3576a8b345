namespace EcgBeats.Beats;

/// <summary>
/// The shape of one represented beat, as a model sees it: <see cref="ValuesPerBeat"/> float32 values, laid
/// out lead after lead (<see cref="SamplesPerLead"/> samples each, at <see cref="SamplingRateHz"/>), then the
/// extra <see cref="Features"/> in order.
/// </summary>
/// <param name="Leads">The leads, in order, as the representation asks for them (by name).</param>
/// <param name="SamplesPerLead">Samples of each lead per beat.</param>
/// <param name="SamplingRateHz">The rate of those samples, Hz.</param>
/// <param name="Scaling">How amplitudes are scaled, e.g. <c>min-max per beat to [0,1]</c>.</param>
/// <param name="Features">Names (with units) of the values after the samples, e.g. <c>pre_rr_s</c>; empty when there are none.</param>
public sealed record BeatLayout(IReadOnlyList<LeadRequest> Leads, int SamplesPerLead, double SamplingRateHz, string Scaling, IReadOnlyList<string> Features)
{
    /// <summary>Values per beat: every lead's samples, then the features.</summary>
    public int ValuesPerBeat => Leads.Count * SamplesPerLead + Features.Count;

    /// <summary>
    /// The features models read, by index into <see cref="Features"/>: all but those in seconds (names ending <c>_s</c>). An
    /// absolute RR interval tells a patient's own rate, which a model can learn to recognise patients by; the same interval
    /// relative to the record's rate does not (DS1 cross-validation: docs/inter-patient.md). Files keep every feature.
    /// </summary>
    public IReadOnlyList<int> ModelFeatures() =>
        Enumerable.Range(0, Features.Count).Where(f => !Features[f].EndsWith("_s", StringComparison.Ordinal)).ToList();

    /// <summary>One line, e.g. <c>1 lead (the first signal) x 187 samples at 120 Hz, min-max per beat to [0,1]</c>.</summary>
    public string Describe()
    {
        string leads = Leads.Count == 1 ? $"1 lead ({Leads[0]})" : $"{Leads.Count} leads ({string.Join("; ", Leads)})";
        string features = Features.Count == 0 ? "" : $", then {Features.Count} features ({string.Join(", ", Features)})";
        return $"{leads} x {SamplesPerLead} samples at {SamplingRateHz:0.###} Hz, {Scaling}{features}";
    }

    /// <inheritdoc />
    public bool Equals(BeatLayout? other) =>
        other is not null && Leads.SequenceEqual(other.Leads) && SamplesPerLead == other.SamplesPerLead &&
        SamplingRateHz.Equals(other.SamplingRateHz) && Scaling == other.Scaling && Features.SequenceEqual(other.Features);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Leads.Count, SamplesPerLead, SamplingRateHz, Scaling, Features.Count);
}
