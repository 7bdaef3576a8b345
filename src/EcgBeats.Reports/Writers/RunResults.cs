using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;

namespace EcgBeats.Reports.Writers;

/// <summary>One model's results on one split: its evaluation and its card.</summary>
/// <param name="Split">intra or inter.</param>
/// <param name="Evaluation">Scores on the split's test set.</param>
/// <param name="Card">The model's card (training history, hyper-parameters).</param>
public sealed record ModelResult(string Split, Evaluation Evaluation, ModelCard Card);

/// <summary>Everything a report shows: per split, the dataset card and every model's results; and how the run was made.</summary>
/// <param name="Title">The report's title.</param>
/// <param name="Datasets">Split name (intra, inter) -> its dataset card.</param>
/// <param name="Results">Every model on every split, in display order.</param>
/// <param name="Facts">How the run was made: profile, seeds, versions, machine (shown as a table).</param>
/// <param name="TestBeats">Per split, the test beats (for the example-beats figure), when at hand.</param>
public sealed record RunResults(
    string Title,
    IReadOnlyDictionary<string, DatasetCard> Datasets,
    IReadOnlyList<ModelResult> Results,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyDictionary<string, BeatSet>? TestBeats = null)
{
    /// <summary>The splits present, intra first.</summary>
    public IReadOnlyList<string> Splits => Results.Select(r => r.Split).Distinct().OrderBy(s => s == "intra" ? 0 : 1).ToList();

    /// <summary>The results of one split.</summary>
    public IReadOnlyList<ModelResult> Of(string split) => Results.Where(r => r.Split == split).ToList();
}

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
