using EcgBeats.Metrics;

namespace EcgBeats.Protocols;

/// <summary>What the rhythm gate did to one record's S calls, end to end, from minute 5 (EC57's SVEB counts, de Chazal's mapping).</summary>
/// <param name="Record">The record's name.</param>
/// <param name="ReferenceAf">Whether its reference annotations hold atrial fibrillation or flutter.</param>
/// <param name="FalseSWithoutGate">Beats called S that the reference does not call S (SVEB false positives), the model's calls as they are.</param>
/// <param name="FalseSWithGate">The same after the gate.</param>
/// <param name="TrueSWithoutGate">Reference S beats called S, the model's calls as they are.</param>
/// <param name="TrueSWithGate">The same after the gate.</param>
public sealed record RhythmGateRecord(string Record, bool ReferenceAf, long FalseSWithoutGate, long FalseSWithGate, long TrueSWithoutGate, long TrueSWithGate);

/// <summary>
/// A model's atrial fibrillation on whole records, end to end: the AF episodes its calls (and the P waves) gave, compared
/// with the reference as WFDB's <c>epicmp -A</c> compares them (from minute 5), and, per record, the S calls the gate
/// turned to N (the records with reference AF or flutter, and every record where the gate changed a call).
/// </summary>
/// <param name="Episodes">Per record, the AF episode comparison.</param>
/// <param name="Records">Per record with reference AF or a changed call, the S calls with and without the gate.</param>
public sealed record Ec57Rhythm(IReadOnlyList<EpisodeComparison> Episodes, IReadOnlyList<RhythmGateRecord> Records)
{
    /// <summary>The gross AF statistics over every record.</summary>
    public EpisodeTotals Gross() => EpisodeTotals.Of(Episodes);
}
