using System.Globalization;
using EcgBeats.Protocols;
using EcgBeats.Runs;

namespace EcgBeats.Reports.Writers;

/// <summary>The patient-adaptive table (<c>run --splits adaptive</c>, #24): one row per way of labelling, and the published anchors.</summary>
public static class AdaptiveTable
{
    /// <summary>Column names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["labels per record", "beats labelled (all records)", "spread to clusters", "records adapted", "QRS Se", "QRS +P", "VEB Se", "VEB +P", "SVEB Se", "SVEB +P", "F1 F", "macro-F1 N S V F"];

    /// <summary>Published patient-adaptive results on DS2 (first minutes or beats of each test record): method, SVEB Se, +P, VEB Se, +P.</summary>
    public static IReadOnlyList<(string Method, string SvebSe, string SvebPlusP, string VebSe, string VebPlusP)> Anchors { get; } =
    [
        ("de Chazal & Reilly 2006 (local + global linear discriminants; first beats of each record labelled)", "87.7", "47.0", "94.3", "96.2"),
        ("Kiranyaz et al. 2016 (patient-specific 1-D CNN)", "64.6", "62.1", "95.0", "89.5"),
        ("Ince et al. 2009 (patient-specific, wavelets + PSO neural network)", "63.5", "53.7", "84.6", "86.7"),
    ];

    /// <summary>What the table is, in words.</summary>
    public static string Explanation(AdaptiveResult result) =>
        $"EC57's patient-specific protocol on DS2, end to end: {result.Model}, trained on DS1 alone, is adapted to each DS2 record on its own labels " +
        $"(nothing learnt from one record reaches another): every beat of its first {result.LabelledSeconds / 60:0} minutes labelled from the reference annotations, " +
        "or the few beats 'ecgbeats review' asks about, labelled from the reference as an analyst would (a chosen beat no reference beat lies within 150 ms of is a false detection and stays unlabelled). " +
        $"Then the rhythm gate, as 'annotate' writes the calls, and WFDB bxb's comparison from minute {result.LabelledSeconds / 60:0}, gross statistics, de Chazal's class mapping. " +
        $"Method: {result.Method}. A record whose labels hold fewer than two classes with enough beats keeps the base model ('records adapted' counts the others).";

    /// <summary>One row per way of labelling.</summary>
    public static IReadOnlyList<string[]> Rows(AdaptiveResult result) => result.Rows.Select(r => new[]
    {
        r.Name(result.LabelledSeconds), r.Labelled.ToString("N0", CultureInfo.InvariantCulture), r.Spread.ToString("N0", CultureInfo.InvariantCulture),
        r.Adapted.ToString(CultureInfo.InvariantCulture),
        P(r.Score.Gross.QrsSensitivity), P(r.Score.Gross.QrsPositivePredictivity), P(r.Score.Gross.VebSensitivity), P(r.Score.Gross.VebPositivePredictivity),
        P(r.Score.Gross.SvebSensitivity), P(r.Score.Gross.SvebPositivePredictivity), F(r.Score.F1(3)), F(r.Score.MacroF1),
    }).ToList();

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double? value) => value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
