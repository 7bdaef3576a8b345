using System.Globalization;
using EcgBeats.Classification;
using EcgBeats.Metrics;
using EcgBeats.Runs;
using EcgBeats.Protocols;

namespace EcgBeats.Reports.Writers;

/// <summary>The inter-patient table every writer leads with: EC57 gross statistics per model, and the published anchors.</summary>
public static class Ec57Table
{
    /// <summary>Column names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["model", "beats", "QRS Se", "QRS +P", "VEB Se", "VEB +P", "SVEB Se", "SVEB +P", "SVEB Se (bxb)", "SVEB +P (bxb)", "F1 N", "F1 S", "F1 V", "F1 F", "macro-F1 N S V F"];

    /// <summary>Published inter-patient results on DS2 (DS1 -> DS2, de Chazal's class mapping): method, SVEB Se, +P, VEB Se, +P.</summary>
    public static IReadOnlyList<(string Method, string SvebSe, string SvebPlusP, string VebSe, string VebPlusP)> Anchors { get; } =
    [
        ("de Chazal et al. 2004 (RR + morphology, linear discriminants)", "75.9", "38.5", "77.7", "81.9"),
        ("Llamedo & Martinez 2011 (RR + wavelets)", "77", "39", "81", "87"),
        ("Zhang et al. 2014 (intervals + morphology, SVMs)", "79.1", "36.0", "85.5", "92.8"),
        ("Huang et al. 2014 (RR-ratio rule for S; SVM ensemble for V)", "91.1", "42.2", "93.9", "90.9"),
    ];

    /// <summary>Rows for one split: every model end to end (detected beats), then at the reference beats.</summary>
    public static IReadOnlyList<string[]> Rows(RunResults run, string split)
    {
        var rows = new List<string[]>();
        var scores = run.Ec57?.Where(e => e.Split == split).ToList() ?? [];
        foreach (var positions in new[] { BeatPositions.Detected, BeatPositions.Reference })
            foreach (var model in scores)
            {
                var chazal = model.Score(positions, BeatClassMapping.DeChazal);
                var bxb = model.Score(positions, BeatClassMapping.Bxb);
                if (chazal is null || bxb is null) continue;
                string beats = positions == BeatPositions.Detected ? "detected" : "reference";
                rows.Add([model.Model, beats, P(chazal.Gross.QrsSensitivity), P(chazal.Gross.QrsPositivePredictivity),
                    P(chazal.Gross.VebSensitivity), P(chazal.Gross.VebPositivePredictivity), P(chazal.Gross.SvebSensitivity), P(chazal.Gross.SvebPositivePredictivity),
                    P(bxb.Gross.SvebSensitivity), P(bxb.Gross.SvebPositivePredictivity),
                    F(chazal.F1(0)), F(chazal.F1(1)), F(chazal.F1(2)), F(chazal.F1(3)), F(chazal.MacroF1)]);
            }
        return rows;
    }

    /// <summary>What the table is, in words.</summary>
    public const string Explanation =
        "Beat by beat as ANSI/AAMI EC57 prescribes (WFDB bxb's comparison, 150 ms window, from minute 5 of each DS2 record; gross statistics). " +
        "'detected': the raw DS2 records annotated end to end (QRS detector, the model's beat cut, the model, then S calls inside detected atrial fibrillation made N) as 'ecgbeats annotate' does; " +
        "'reference': the same model (and rhythm gate) on the cardiologists' beat positions. Classes as de Chazal et al. (2004) and the published results count them " +
        "(escape beats e, j in N); the bxb columns count escape beats as SVEB, as bxb -L does. F1 per class over the gross matrix, de Chazal's " +
        "mapping (a missed beat is a false negative, an extra one a false positive).";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double? value) => value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
