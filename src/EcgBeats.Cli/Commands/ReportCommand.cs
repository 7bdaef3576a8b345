using System.CommandLine;
using System.Runtime.InteropServices;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.Reports.Writers;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats report RUN_DIR</c>: rebuilds a run's report from its saved evaluations and model cards,
/// without retraining. A run folder holds, per split (<c>intra</c>, <c>inter</c>): <c>data/dataset.json</c>,
/// <c>models/MODEL/model.json</c> and <c>evaluation/MODEL/metrics.json</c>; and optionally <c>run.json</c>
/// (facts about the run: a JSON object of strings).
/// </summary>
internal static class ReportCommand
{
    /// <summary>Display order of the models; any others follow by name.</summary>
    private static readonly string[] Order =
        ["ann", "cnn", "lstm", "transformer", "rf", "dt", "svm", "ensemble-weighted", "ensemble-voting-hard", "ensemble-voting-soft", "ensemble-voting"];

    public static Command Create()
    {
        var folder = new Argument<string>("RUN_DIR") { Description = "The run folder (see 'ecgbeats run')." };
        var command = new Command("report", "Rebuild a run's report (report.html, report.md, metrics.json, metrics.csv, figures) from its saved evaluations.")
        {
            folder,
        };
        command.SetAction(parse =>
        {
            string run = Path.GetFullPath(parse.GetValue(folder)!);
            var results = Collect(run);
            string html = ReportWriter.Write(results, run);
            parse.InvocationConfiguration.Output.WriteLine($"report: {html} ({results.Results.Count} model results, splits: {string.Join(", ", results.Splits)})");
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>Reads what a run folder holds.</summary>
    public static RunResults Collect(string run)
    {
        if (!Directory.Exists(run)) throw new DirectoryNotFoundException($"{run}: no such run folder");
        var datasets = new Dictionary<string, DatasetCard>();
        var testBeats = new Dictionary<string, BeatSet>();
        var results = new List<ModelResult>();
        foreach (string split in new[] { "intra", "inter" })
        {
            string card = Path.Combine(run, split, "data", "dataset.json");
            if (File.Exists(card)) datasets[split] = DatasetCard.Read(card);
            string testFile = Path.Combine(run, split, "data", "mitbih_test.csv");
            if (File.Exists(testFile)) testBeats[split] = KaggleCsv.Read(testFile);
            string evaluations = Path.Combine(run, split, "evaluation");
            if (!Directory.Exists(evaluations)) continue;
            var models = Directory.GetDirectories(evaluations).Select(Path.GetFileName).OfType<string>()
                .Where(m => File.Exists(Path.Combine(evaluations, m, "metrics.json")))
                .OrderBy(m => Array.IndexOf(Order, m) is var i and >= 0 ? i : Order.Length).ThenBy(m => m, StringComparer.Ordinal);
            foreach (string model in models)
            {
                var evaluation = Evaluation.Read(Path.Combine(evaluations, model, "metrics.json"));
                string modelFolder = Path.Combine(run, split, "models", model);
                var modelCard = File.Exists(Path.Combine(modelFolder, ModelCard.FileName))
                    ? ModelCard.Read(modelFolder) with { Model = model }
                    : new ModelCard { Model = model, Framework = "?", Hyperparameters = new Dictionary<string, string>() };
                results.Add(new ModelResult(split, evaluation, modelCard));
            }
        }
        if (results.Count == 0)
            throw new InvalidInputException($"{run}: no evaluations found (expected intra/evaluation/MODEL/metrics.json or inter/...)");
        var facts = File.Exists(Path.Combine(run, "run.json"))
            ? JsonFile.Read<Dictionary<string, string>>(Path.Combine(run, "run.json"), "a run description (JSON object of strings)")
            : new Dictionary<string, string>();
        facts.TryAdd("EcgBeats", typeof(ReportCommand).Assembly.GetName().Version?.ToString(3) ?? "?");
        facts.TryAdd(".NET", Environment.Version.ToString());
        facts.TryAdd("machine", $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores");
        // The libraries the models were trained with, as their cards recorded them (TorchSharp, ML.NET, OS).
        foreach (var (library, version) in results.SelectMany(r => r.Card.Versions).Where(v => v.Key is not ("EcgBeats" or ".NET")))
            facts.TryAdd(library, version);
        foreach (var (split, card) in datasets)
            facts.TryAdd($"{split} dataset", $"{card.Segmenter}, filter: {card.Filter}, seed {card.Seed}; {card.SplitDescription}");
        return new RunResults("EcgBeats: heartbeat classification on MIT-BIH", datasets, results, facts, testBeats);
    }
}
