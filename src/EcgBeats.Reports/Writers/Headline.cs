using EcgBeats.Metrics;
using EcgBeats.Protocols;

namespace EcgBeats.Reports.Writers;

/// <summary>The numbers of the headline table, computed once for every writer.</summary>
public static class Headline
{
    /// <summary>Column names: the reference pipeline's (accuracy, micro precision/recall/F1), macro-F1, then F1 per class.</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<string> classes) =>
        ["accuracy", "micro precision", "micro recall", "micro F1", "macro F1", .. classes.Select(c => $"F1 {c}")];

    /// <summary>The row of one evaluation, in <see cref="Columns"/> order.</summary>
    public static double[] Row(Evaluation e) =>
        [e.Report.Accuracy, e.Report.Micro.Precision, e.Report.Micro.Recall, e.Report.Micro.F1, e.Report.Macro.F1, .. e.Report.Classes.Select(c => c.F1)];
}
