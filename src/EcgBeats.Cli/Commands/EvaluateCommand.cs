using EcgBeats.Io;
using System.CommandLine;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using Spectre.Console;
using EcgBeats.Protocols;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats evaluate</c>: every score of one model on one test file, printed and saved.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model folder.", Required = true, HelpName = "DIR" };
        var test = new Option<string>("--test") { Description = "Test beats: a Kaggle-layout CSV with labels, cut as the model's beats were.", Required = true, HelpName = "FILE" };
        var output = new Option<string?>("--out") { Description = "Where to write metrics.json (default: MODEL/evaluation).", HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 42 };
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the 95% intervals.", DefaultValueFactory = _ => 1000 };
        var command = new Command("evaluate", "Score a saved model on a test file: accuracy, precision, recall, F1 (per class, micro, macro, weighted), AAMI Se/+P, kappa, confusion matrix, 95% intervals.")
        {
            model, test, output, seed, resamples,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(model)!;
            string testFile = parse.GetValue(test)!;
            if (parse.GetValue(output) is string asked) OutputFolder.Prepare(asked);
            var beats = DatasetFiles.ReadLabelled(testFile);
            Evaluation evaluation;
            using (var classifier = EcgBeatsApp.Models.Open(folder))
                (evaluation, _) = Evaluation.Run(classifier, beats, testFile, parse.GetValue(seed), parse.GetValue(resamples));
            string target = parse.GetValue(output) ?? Path.Combine(folder, "evaluation");
            Directory.CreateDirectory(target);
            evaluation.Write(Path.Combine(target, "metrics.json"));
            Print(Terminal.For(parse.InvocationConfiguration.Output), evaluation);
            parse.InvocationConfiguration.Output.WriteLine($"metrics -> {Path.Combine(target, "metrics.json")}");
            return (int)ExitCode.Success;
        });
        return command;
    }

    public static void Print(IAnsiConsole console, Evaluation e)
    {
        var r = e.Report;
        console.MarkupLineInterpolated($"[bold]{e.Model}[/] on {e.TestSet}: {r.Total:N0} beats");
        console.WriteLine($"accuracy {Percent.Of(r.Accuracy)} (95% CI {Percent.Of(e.AccuracyInterval.Lower)}-{Percent.Of(e.AccuracyInterval.Upper)}), " +
                          $"macro-F1 {r.Macro.F1:F4} (95% CI {e.MacroF1Interval.Lower:F4}-{e.MacroF1Interval.Upper:F4}), Cohen's kappa {r.Kappa:F4}");
        var averages = new Table().AddColumns("average", "precision", "recall", "F1");
        foreach (var (name, a) in new[] { ("micro", r.Micro), ("macro", r.Macro), ("weighted", r.Weighted) })
            averages.AddRow(name, a.Precision.ToString("F4"), a.Recall.ToString("F4"), a.F1.ToString("F4"));
        console.Write(averages);
        var classes = new Table().AddColumns("class", "support", "precision (+P)", "recall (Se)", "F1", "specificity", "FPR");
        foreach (var c in r.Classes)
            classes.AddRow(c.Name, c.Support.ToString("N0"), c.Precision.ToString("F4"), c.Recall.ToString("F4"), c.F1.ToString("F4"),
                c.Specificity.ToString("F4"), c.FalsePositiveRate.ToString("F4"));
        console.Write(classes);
        var matrix = new Table().AddColumn("true \\ predicted");
        foreach (var c in r.Classes) matrix.AddColumn(c.Name);
        for (int t = 0; t < r.Classes.Count; t++)
            matrix.AddRow([r.Classes[t].Name, .. e.ConfusionMatrix[t].Select(v => v.ToString("N0"))]);
        console.Write(matrix);
    }
}
