using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Models;
using Spectre.Console;

namespace EcgBeats.Cli.Pipeline;

/// <summary>
/// Trains any model kind (<see cref="ModelKind.Train(ValidationSplit, ModelOptions, TrainingContext?)"/>) with a
/// progress bar (loss, accuracy, rate, ETA) and one line per epoch for kinds that report them; others show elapsed time.
/// </summary>
internal static class TrainingView
{
    /// <summary>1 while a training shows its bar: a terminal holds one live display, and a library caller may train two kinds at once on one console.</summary>
    private static int _live;

    public static IBeatClassifier Run(IAnsiConsole console, ModelKind kind, ValidationSplit split, ModelOptions options, TrainingContext context)
    {
        string Line(TrainingProgress p) =>
            $"{p.Model} epoch {p.Epoch,2}/{p.Epochs}: loss {p.Completed!.TrainLoss:F4}, accuracy {Percent.Of(p.Completed.TrainAccuracy)}; " +
            $"validation loss {p.Completed.ValidationLoss:F4}, accuracy {Percent.Of(p.Completed.ValidationAccuracy)}, macro-F1 {p.Completed.ValidationMacroF1:F4} " +
            $"({p.Completed.Seconds:0.0} s, {p.BeatsPerSecond:N0} beats/s)";

        // Without a terminal, or while another training beside this one holds the live display: one line per epoch.
        if (!console.Profile.Capabilities.Interactive || Interlocked.CompareExchange(ref _live, 1, 0) != 0)
        {
            var lines = new SynchronousProgress<TrainingProgress>(p => { if (p.Completed is not null) console.WriteLine(Line(p)); });
            return kind.Train(split, options, context with { Progress = lines });
        }
        try { return WithBar(console, kind, split, options, context, Line); }
        finally { Volatile.Write(ref _live, 0); }
    }

    private static IBeatClassifier WithBar(IAnsiConsole console, ModelKind kind, ValidationSplit split, ModelOptions options, TrainingContext context, Func<TrainingProgress, string> Line)
    {
        IBeatClassifier? result = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(view =>
            {
                var task = view.AddTask(kind.Name, maxValue: 1);
                // Kinds that report no progress (ML.NET's trainers) show an indeterminate bar with the elapsed time.
                task.IsIndeterminate = true;
                var bar = new SynchronousProgress<TrainingProgress>(p =>
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = (double)p.Epochs * p.Batches;
                    task.Value = (double)(p.Epoch - 1) * p.Batches + p.Batch;
                    task.Description = Markup.Escape($"{p.Model} {p.Epoch}/{p.Epochs} loss {p.Loss:F4} acc {Percent.Of(p.Accuracy, 1)} {p.BeatsPerSecond:N0} beats/s");
                    if (p.Completed is not null) console.MarkupLine(Markup.Escape(Line(p)));
                });
                result = kind.Train(split, options, context with { Progress = bar });
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            });
        return result!;
    }
}
