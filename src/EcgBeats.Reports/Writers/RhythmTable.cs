using System.Globalization;
using EcgBeats.Runs;

namespace EcgBeats.Reports.Writers;

/// <summary>
/// The inter-patient rhythm tables: per model, the AF episodes its calls gave on the whole test records (as WFDB's
/// <c>epicmp -A</c> scores them) and the false S beats the gate removed; per record, the same for one model.
/// </summary>
public static class RhythmTable
{
    /// <summary>Column names of the per-model table.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["model", "AF episode Se", "AF episode +P", "AF duration Se", "AF duration +P", "AF s (reference / test)",
         "false S in AF records (no gate / gate)", "false S elsewhere (no gate / gate)", "true S (no gate / gate)"];

    /// <summary>Column names of the per-record table.</summary>
    public static IReadOnlyList<string> RecordColumns { get; } =
        ["record", "reference AF", "AF s (reference / test)", "AF duration Se", "AF duration +P", "false S (no gate / gate)", "true S (no gate / gate)"];

    /// <summary>One row per model with rhythm results on <paramref name="split"/>.</summary>
    public static IReadOnlyList<string[]> Rows(RunResults run, string split) =>
        (run.Ec57 ?? []).Where(e => e.Split == split && e.Rhythm is not null).Select(e =>
        {
            var gross = e.Rhythm!.Gross();
            var af = e.Rhythm.Records.Where(r => r.ReferenceAf).ToList();
            var other = e.Rhythm.Records.Where(r => !r.ReferenceAf).ToList();
            return new[]
            {
                e.Model, P(gross.EpisodeSensitivity), P(gross.EpisodePositivePredictivity), P(gross.DurationSensitivity), P(gross.DurationPositivePredictivity),
                $"{gross.ReferenceSeconds:0} / {gross.TestSeconds:0}",
                Pair(af.Sum(r => r.FalseSWithoutGate), af.Sum(r => r.FalseSWithGate)),
                Pair(other.Sum(r => r.FalseSWithoutGate), other.Sum(r => r.FalseSWithGate)),
                Pair(e.Rhythm.Records.Sum(r => r.TrueSWithoutGate), e.Rhythm.Records.Sum(r => r.TrueSWithGate)),
            };
        }).ToList();

    /// <summary>Per record with reference AF, AF called, or a call the gate changed, for <paramref name="model"/>.</summary>
    public static IReadOnlyList<string[]> RecordRows(RunResults run, string split, string model)
    {
        var rhythm = (run.Ec57 ?? []).FirstOrDefault(e => e.Split == split && e.Model == model)?.Rhythm;
        if (rhythm is null) return [];
        var gate = rhythm.Records.ToDictionary(r => r.Record);
        return rhythm.Episodes.Where(e => e.ReferenceDuration > 0 || e.TestDuration > 0 || gate.ContainsKey(e.Record)).Select(e =>
        {
            var g = gate.GetValueOrDefault(e.Record);
            return new[]
            {
                e.Record, g?.ReferenceAf == true || e.ReferenceDuration > 0 ? "yes" : "", $"{e.ReferenceSeconds:0} / {e.TestSeconds:0}",
                P(e.DurationSensitivity), P(e.DurationPositivePredictivity),
                g is null ? "" : Pair(g.FalseSWithoutGate, g.FalseSWithGate), g is null ? "" : Pair(g.TrueSWithoutGate, g.TrueSWithGate),
            };
        }).ToList();
    }

    /// <summary>What the tables are, in words.</summary>
    public const string Explanation =
        "Atrial fibrillation and flutter found end to end (the 'detected' rows above): episodes from the times of the beats the model calls N and the P waves " +
        "before them, compared with the reference rhythm annotations exactly as WFDB's epicmp -A compares them (from minute 5; duration Se: the share of " +
        "reference AF time called AF; duration +P: the share of AF time called that is AF). Beats called S inside the AF found are made N (the rhythm gate); " +
        "the S columns count SVEB false and true positives from minute 5, de Chazal's mapping, with the model's calls as they are and after the gate, in the " +
        "records with reference AF or flutter and in the others.";

    private static string Pair(long a, long b) => $"{a.ToString("N0", CultureInfo.InvariantCulture)} / {b.ToString("N0", CultureInfo.InvariantCulture)}";

    private static string P(double? value) => value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
