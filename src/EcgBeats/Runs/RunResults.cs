using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;

namespace EcgBeats.Runs;

/// <summary>One model's results on one split: its evaluation and its card.</summary>
/// <param name="Split">intra or inter.</param>
/// <param name="Evaluation">Scores on the split's test set.</param>
/// <param name="Card">The model's card (training history, hyper-parameters), its <c>Model</c> the name it has in the run.</param>
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
    IReadOnlyDictionary<string, LabelledBeats>? TestBeats = null)
{
    /// <summary>The report's title.</summary>
    public const string DefaultTitle = "EcgBeats: heartbeat classification on MIT-BIH";

    /// <summary>The splits present, in <see cref="RunFolder.SplitNames"/> order.</summary>
    public IReadOnlyList<string> Splits => Results.Select(r => r.Split).Distinct().OrderBy(s => RunFolder.SplitNames.ToList().IndexOf(s)).ToList();

    /// <summary>The results of one split.</summary>
    public IReadOnlyList<ModelResult> Of(string split) => Results.Where(r => r.Split == split).ToList();
}
