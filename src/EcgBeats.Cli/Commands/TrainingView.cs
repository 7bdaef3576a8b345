using EcgBeats.Datasets;
using EcgBeats.Torch;
using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary>Runs a training with a progress bar (loss, accuracy, rate, ETA) and one line per epoch.</summary>
internal static class TrainingView
{
    public static TorchBeatClassifier Run(IAnsiConsole console, NetworkDefinition network, ValidationSplit split, TrainerOptions options, string folder,
        string source, bool resume, CancellationToken cancel)
    {
        string Line(TrainingProgress p) =>
            $"{p.Model} epoch {p.Epoch,2}/{p.Epochs}: loss {p.Completed!.TrainLoss:F4}, accuracy {Percent.Of(p.Completed.TrainAccuracy)}; " +
            $"validation loss {p.Completed.ValidationLoss:F4}, accuracy {Percent.Of(p.Completed.ValidationAccuracy)}, macro-F1 {p.Completed.ValidationMacroF1:F4} " +
            $"({p.Completed.Seconds:0.0} s, {p.BeatsPerSecond:N0} beats/s)";

        if (!console.Profile.Capabilities.Interactive)
        {
            var lines = new SynchronousProgress<TrainingProgress>(p => { if (p.Completed is not null) console.WriteLine(Line(p)); });
            return Trainer.Train(network, split, options, folder, source, resume, lines, cancel);
        }
        TorchBeatClassifier? result = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(network.Name, maxValue: 1);
                var bar = new SynchronousProgress<TrainingProgress>(p =>
                {
                    task.MaxValue = (double)p.Epochs * p.Batches;
                    task.Value = (double)(p.Epoch - 1) * p.Batches + p.Batch;
                    task.Description = Markup.Escape($"{p.Model} {p.Epoch}/{p.Epochs} loss {p.Loss:F4} acc {Percent.Of(p.Accuracy, 1)} {p.BeatsPerSecond:N0} beats/s");
                    if (p.Completed is not null) console.MarkupLine(Markup.Escape(Line(p)));
                });
                result = Trainer.Train(network, split, options, folder, source, resume, bar, cancel);
                task.Value = task.MaxValue;
            });
        return result!;
    }
}
