using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.Beats;
using EcgBeats.Protocols;

namespace EcgBeats.Runs;

/// <summary>One model's results on one split: its evaluation and its card.</summary>
/// <param name="Split">intra or inter.</param>
/// <param name="Evaluation">Scores on the split's test set.</param>
/// <param name="Card">The model's card (training history, hyper-parameters), its <c>Model</c> the name it has in the run.</param>
public sealed record ModelResult(string Split, Evaluation Evaluation, ModelCard Card);

/// <summary>A model's EC57 scores on a split's test records (beat by beat, from reference and from detected positions).</summary>
/// <param name="Split">intra or inter.</param>
/// <param name="Model">The model's name in the run.</param>
/// <param name="Results">Its scores.</param>
/// <param name="Rhythm">Its AF episodes and the rhythm gate's effect, end to end, when made.</param>
public sealed record Ec57ModelResult(string Split, string Model, IReadOnlyList<Ec57Result> Results, Ec57Rhythm? Rhythm = null)
{
    /// <summary>The score at these positions with this mapping, or null.</summary>
    public Ec57Score? Score(BeatPositions positions, Metrics.BeatClassMapping mapping) =>
        Results.FirstOrDefault(r => r.Positions == positions && r.Mapping == mapping)?.Score;
}

/// <summary>The patient-adaptive protocol on DS2 (<see cref="PatientAdaptiveEvaluation"/>): one base model, each record adapted on its own labels.</summary>
/// <param name="Model">The base model's name in the run.</param>
/// <param name="LabelledSeconds">The labelled span and the scoring start, s.</param>
/// <param name="Method">The adaptation and review settings, as text.</param>
/// <param name="Rows">Unadapted, first minutes, then each number of confirmed beats.</param>
public sealed record AdaptiveResult(string Model, double LabelledSeconds, string Method, IReadOnlyList<AdaptiveRow> Rows);

/// <summary>Everything a report shows: per split, the dataset card and every model's results; and how the run was made.</summary>
/// <param name="Title">The report's title.</param>
/// <param name="Datasets">Split name (intra, inter) -> its dataset card.</param>
/// <param name="Results">Every model on every split, in display order.</param>
/// <param name="Facts">How the run was made: profile, seeds, versions, machine (shown as a table).</param>
/// <param name="TestBeats">Per split, the test beats (for the example-beats figure), when at hand.</param>
/// <param name="Ec57">EC57 beat-by-beat scores of the models on whole test records (the inter-patient split), when made.</param>
/// <param name="Adaptive">The patient-adaptive protocol on the inter-patient test records (<c>run --splits adaptive</c>), when made.</param>
public sealed record RunResults(
    string Title,
    IReadOnlyDictionary<string, DatasetCard> Datasets,
    IReadOnlyList<ModelResult> Results,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyDictionary<string, LabelledBeats>? TestBeats = null,
    IReadOnlyList<Ec57ModelResult>? Ec57 = null,
    AdaptiveResult? Adaptive = null)
{
    /// <summary>The card of the declared recipe trained on every MIT-BIH patient (<see cref="MainJob.AllPatients"/>), when the run made it.</summary>
    public ModelCard? AllPatients { get; init; }

    /// <summary>The report's title.</summary>
    public const string DefaultTitle = "EcgBeats: heartbeat classification on MIT-BIH";

    /// <summary>The splits present, in <see cref="RunFolder.SplitNames"/> order.</summary>
    public IReadOnlyList<string> Splits => Results.Select(r => r.Split).Distinct().OrderBy(s => RunFolder.SplitNames.ToList().IndexOf(s)).ToList();

    /// <summary>The results of one split.</summary>
    public IReadOnlyList<ModelResult> Of(string split) => Results.Where(r => r.Split == split).ToList();
}
