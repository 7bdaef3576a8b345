using System.Diagnostics;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Cli.Commands;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.MlNet;
using EcgBeats.Reports.Writers;
using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;
using Spectre.Console;

namespace EcgBeats.Cli.Pipeline;

/// <summary>
/// The main job behind <c>ecgbeats run</c>: for the intra- and the inter-patient split, build the
/// dataset, train every model and both ensembles, evaluate each on the test set; then write the
/// report. Each step leaves a stamp naming its inputs and is skipped while the stamp still
/// matches, so a run that was interrupted resumes where it stopped.
/// </summary>
internal sealed class MainJob(IAnsiConsole console, string dataDirectory, string output, RunProfile profile, int seed, bool force)
{
    private static readonly string[] Deep = ["ann", "cnn", "lstm", "transformer"];
    private static readonly string[] Classical = ["rf", "dt", "svm"];
    private const double ValidationFraction = 0.1;

    private readonly List<(string Split, string Model, Evaluation Evaluation)> _summary = [];

    public string Run(CancellationToken cancel)
    {
        Directory.CreateDirectory(output);
        JsonFile.Write(Path.Combine(output, "run.json"), new Dictionary<string, string>
        {
            ["profile"] = profile.Name,
            ["seed"] = seed.ToString(),
            ["data"] = dataDirectory,
            ["threads"] = Environment.ProcessorCount.ToString(),
            ["preprocessing"] = "raw lead 0 (no filter), Kaggle-faithful 187-value beats, min-max normalised per beat",
            ["training"] = profile.MaxTrainingBeatsPerClass is { } n
                ? $"at most {string.Join(", ", n.Select((c, k) => $"{c} {AamiMapping.Classes[k]}"))} training beats (seeded subsample)"
                : "all training beats",
        });
        foreach (var split in new[] { SplitKind.Intra, SplitKind.Inter })
        {
            cancel.ThrowIfCancellationRequested();
            RunSplit(split, cancel);
        }
        var results = ReportCommand.Collect(output);
        string report = ReportWriter.Write(results, output);
        var table = new Table().AddColumns("split", "model", "accuracy", "macro-F1", "F1 S", "F1 V");
        foreach (var r in results.Results)
            table.AddRow(r.Split, r.Card.Model, Percent.Of(r.Evaluation.Report.Accuracy), r.Evaluation.Report.Macro.F1.ToString("F4"),
                r.Evaluation.Report.Classes[1].F1.ToString("F4"), r.Evaluation.Report.Classes[2].F1.ToString("F4"));
        console.Write(table);
        return report;
    }

    private void RunSplit(SplitKind split, CancellationToken cancel)
    {
        string name = split.ToString().ToLowerInvariant();
        var available = DatasetBuilder.RecordsIn(dataDirectory);
        if (split == SplitKind.Inter && DeChazal2004Split.Ds1.Concat(DeChazal2004Split.Ds2).Except(available).Any())
        {
            console.MarkupLineInterpolated($"[yellow]{name}[/]: skipped, the data folder lacks de Chazal's DS1/DS2 records.");
            return;
        }
        string folder = Path.Combine(output, name);
        string data = Path.Combine(folder, "data");
        string dataKey = $"dataset|{name}|seed={seed}|sources={Sources(available)}";
        Step($"{name}: dataset", data, dataKey, () =>
        {
            var built = DatasetBuilder.Build(dataDirectory, DatasetRecipe.Kaggle(split, seed), cancel: cancel);
            DatasetWriter.Write(data, built);
        });

        string trainFile = Path.Combine(data, "mitbih_train.csv");
        var train = KaggleCsv.Read(trainFile);
        if (profile.MaxTrainingBeatsPerClass is { } cap) train = Subsample(train, cap, seed);
        var test = KaggleCsv.Read(Path.Combine(data, "mitbih_test.csv"));
        string trainKey = train.Fingerprint(), testKey = test.Fingerprint();
        string models = Path.Combine(folder, "models");
        var keys = new Dictionary<string, string>();

        foreach (string model in Deep.Concat(Classical))
        {
            string target = Path.Combine(models, model);
            keys[model] = $"model|{model}|profile={profile.Name}|seed={seed}|train={trainKey}";
            Step($"{name}: train {model}", target, keys[model], () =>
            {
                if (Networks.TryParse(model, out var kind))
                {
                    var options = profile.Deep(kind) with { Seed = seed, ValidationFraction = ValidationFraction };
                    // An interrupted run left a checkpoint: go on from it.
                    using var trained = TrainingView.Run(console, kind, train, options, target, trainFile, resume: true, cancel);
                }
                else
                {
                    ClassicalModels.TryParse(model, out var classical);
                    ClassicalTrainer.Train(classical, train, profile.Classical with { Seed = seed, ValidationFraction = ValidationFraction }, target, trainFile);
                }
            });
        }
        foreach (var (model, members, voting) in new[]
                 {
                     (EnsembleStore.Weighted, Deep, (VotingMode?)null),
                     ("ensemble-voting-hard", Deep.Concat(Classical).ToArray(), VotingMode.Hard),
                     ("ensemble-voting-soft", Deep.Concat(Classical).ToArray(), VotingMode.Soft),
                 })
        {
            string target = Path.Combine(models, model);
            keys[model] = $"ensemble|{model}|" + string.Join("|", members.Select(m => keys[m]));
            Step($"{name}: {model}", target, keys[model], () =>
                EnsembleTraining.Build(target, members.Select(m => Path.Combine(models, m)).ToList(), train, trainFile, seed,
                    ValidationFraction, voting, line => console.WriteLine("   " + line)));
        }
        // Members are evaluated before the ensembles; their test-set probabilities are kept so that ensembles reuse them.
        var scored = new Dictionary<string, IBeatClassifier>(StringComparer.Ordinal);
        foreach (var (model, key) in keys)
        {
            string target = Path.Combine(folder, "evaluation", model);
            Step($"{name}: evaluate {model}", target, $"evaluation|{key}|test={testKey}", () =>
            {
                string modelFolder = Path.Combine(models, model);
                var classifier = ModelLoader.Load(modelFolder, loadMember: member =>
                    scored.TryGetValue(Path.GetFullPath(member), out var known) ? known : ModelLoader.Load(member));
                var (evaluation, probabilities) = Evaluation.Run(classifier, test, Path.Combine(data, "mitbih_test.csv"), seed);
                scored[Path.GetFullPath(modelFolder)] = new ScoredClassifier(modelFolder, test, probabilities, classifier.Card);
                ModelLoader.Dispose(classifier);
                Directory.CreateDirectory(target);
                evaluation.Write(Path.Combine(target, "metrics.json"));
            });
        }
    }

    /// <summary>Runs <paramref name="work"/> unless <paramref name="folder"/>'s stamp says it was done with these inputs.</summary>
    private void Step(string title, string folder, string key, Action work)
    {
        string stamp = Path.Combine(folder, ".ecgbeats-step");
        if (!force && File.Exists(stamp) && File.ReadAllText(stamp) == key)
        {
            console.MarkupLineInterpolated($"[grey]{title}: up to date[/]");
            return;
        }
        console.MarkupLineInterpolated($"[bold]{title}[/]");
        var clock = Stopwatch.StartNew();
        if (File.Exists(stamp)) File.Delete(stamp);
        work();
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(stamp, key);
        console.MarkupLineInterpolated($"[grey]   done in {clock.Elapsed.TotalSeconds:0.0} s[/]");
    }

    /// <summary>The data files' names, sizes and times: enough to notice a changed database, without hashing 100 MB.</summary>
    private string Sources(IReadOnlyList<string> records) =>
        string.Join(";", records.SelectMany(r => new[] { ".hea", ".dat", ".atr" }.Select(e => new FileInfo(Path.Combine(dataDirectory, r + e))))
            .Select(f => $"{f.Name}:{(f.Exists ? f.Length : -1)}:{(f.Exists ? f.LastWriteTimeUtc.Ticks : 0)}"));

    /// <summary>At most <c>cap[c]</c> beats of each class c, chosen with the seed, in their original order.</summary>
    private static BeatSet Subsample(BeatSet beats, IReadOnlyList<int> cap, int seed)
    {
        var random = SeededRandom.Create(seed);
        var keep = new List<int>();
        foreach (var group in Enumerable.Range(0, beats.Count).GroupBy(i => beats.Labels[i]))
        {
            int[] members = group.ToArray();
            SeededRandom.Shuffle(members, random);
            keep.AddRange(members.Take(cap[group.Key]));
        }
        keep.Sort();
        return beats.Select(keep);
    }
}
