using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Models;
using EcgBeats.Runs;
using Spectre.Console;

namespace EcgBeats.Cli.Pipeline;

/// <summary>How <c>ecgbeats run</c> shows a <see cref="MainJob"/>: a line per step, a progress bar per training, the results table.</summary>
internal sealed class RunView(IAnsiConsole console) : IRunObserver
{
    /// <summary>The job, set to print here and to train with a progress bar.</summary>
    public MainJob Job(ModelRegistry registry, string dataDirectory, RunFolder run, RunProfile profile, int seed, bool force, IReadOnlyList<RunSplit>? splits = null, int lanes = 1,
        Func<DateTime, CancellationToken, Task>? sideBySide = null, bool allPatients = false, DateTime? secondProcessSince = null) =>
        new(registry, dataDirectory, run, profile, seed, force)
        {
            AllPatients = allPatients,
            Lanes = lanes,
            SideBySide = sideBySide,
            SecondProcessSince = secondProcessSince,
            Splits = splits ?? [RunSplit.Intra, RunSplit.Inter],
            Clusterer = MlNet.Clustering.KMeansBeatClusterer.Instance,
            Observer = this,
            Train = (kind, split, options, context) => TrainingView.Run(console, kind, split, options, context),
        };

    public void SplitSkipped(string split, string why) => console.MarkupLineInterpolated($"[yellow]{split}[/]: skipped, {why}.");

    public void UpToDate(string step) => console.MarkupLineInterpolated($"[grey]{step}: up to date[/]");

    public void Elsewhere(string step) => console.MarkupLineInterpolated($"[grey]{step}: in the other process; waiting for it[/]");

    public void Started(string step) => console.MarkupLineInterpolated($"[bold]{step}[/]");

    // The step is named again: a long step's progress lines come between its start and its end.
    public void Done(string step, TimeSpan elapsed) => console.MarkupLineInterpolated($"[grey]   done in {elapsed.TotalSeconds:0.0} s ({step})[/]");

    /// <summary>One row per split and model: accuracy, macro-F1, F1 of S and V.</summary>
    public void Results(RunResults results)
    {
        var table = new Table().AddColumns("split", "model", "accuracy", "macro-F1", "F1 S", "F1 V");
        foreach (var r in results.Results)
            table.AddRow(r.Split, r.Card.Model, Percent.Of(r.Evaluation.Report.Accuracy), r.Evaluation.Report.Macro.F1.ToString("F4"),
                r.Evaluation.Report.Classes[1].F1.ToString("F4"), r.Evaluation.Report.Classes[2].F1.ToString("F4"));
        console.Write(table);
    }
}
