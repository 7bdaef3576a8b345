using System.Diagnostics;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Cli.Commands;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Reports.Writers;
using EcgBeats.Runs;
using EcgBeats.Torch.Architectures;
using Spectre.Console;

namespace EcgBeats.Cli.Pipeline;

/// <summary>
/// The main job behind <c>ecgbeats run</c>: for the intra- and the inter-patient split, build the dataset, train every
/// model and the ensembles, evaluate each on the test set; then write the report. Everything stays in memory from one
/// step to the next; the disk is read only to resume. Each step leaves a <see cref="StepStamp"/> hashing every input
/// that shapes its output and is skipped while that stamp still matches, so an interrupted run goes on where it stopped
/// and a changed option reruns exactly the steps it touches.
/// </summary>
internal sealed class MainJob(IAnsiConsole console, ModelRegistry registry, string dataDirectory, RunFolder run, RunProfile profile, int seed, bool force)
{
    /// <summary>The share of each class of the training data every model holds out for validation.</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>Bootstrap resamples behind each evaluation's intervals.</summary>
    private const int BootstrapResamples = 1000;

    private readonly List<ModelResult> _results = [];
    private readonly Dictionary<string, DatasetCard> _datasets = [];
    private readonly Dictionary<string, LabelledBeats> _testBeats = [];
    private readonly List<Ec57ModelResult> _ec57 = [];

    /// <summary>The splits to run, intra first.</summary>
    public IReadOnlyList<SplitKind> Splits { get; init; } = [SplitKind.Intra, SplitKind.Inter];

    public string Run(CancellationToken cancel)
    {
        Directory.CreateDirectory(run.Root);
        var facts = new Dictionary<string, string>
        {
            ["profile"] = profile.Name,
            ["seed"] = seed.ToString(),
            ["data"] = dataDirectory,
            ["threads"] = Environment.ProcessorCount.ToString(),
            ["training"] = profile.MaxTrainingBeatsPerClass is { } n
                ? $"at most {string.Join(", ", n.Select((c, k) => $"{c} {AamiMapping.Classes[k]}"))} training beats (seeded subsample)"
                : "all training beats",
        };
        JsonFile.Write(run.RunFile, facts);
        foreach (var split in Splits)
        {
            cancel.ThrowIfCancellationRequested();
            RunSplit(split, cancel);
        }
        var results = new RunResults(RunResults.DefaultTitle, _datasets, _results, RunReader.WithVersions(facts, _results, _datasets), _testBeats, _ec57);
        string report = ReportWriter.Write(results, run.Root);
        var table = new Table().AddColumns("split", "model", "accuracy", "macro-F1", "F1 S", "F1 V");
        foreach (var r in results.Results)
            table.AddRow(r.Split, r.Card.Model, Percent.Of(r.Evaluation.Report.Accuracy), r.Evaluation.Report.Macro.F1.ToString("F4"),
                r.Evaluation.Report.Classes[1].F1.ToString("F4"), r.Evaluation.Report.Classes[2].F1.ToString("F4"));
        console.Write(table);
        return report;
    }

    private void RunSplit(SplitKind kind, CancellationToken cancel)
    {
        string name = kind.ToString().ToLowerInvariant();
        var available = DatasetBuilder.RecordsIn(dataDirectory);
        if (kind == SplitKind.Inter && DeChazal2004Split.Ds1.Concat(DeChazal2004Split.Ds2).Except(available).Any())
        {
            console.MarkupLineInterpolated($"[yellow]{name}[/]: skipped, the data folder lacks de Chazal's DS1/DS2 records.");
            return;
        }
        var folder = run.Split(name);
        bool inter = kind == SplitKind.Inter;
        // The intra-patient split keeps the Kaggle beats; new patients get the rhythm + morphology beats (docs/inter-patient.md).
        var recipe = inter ? InterPatientProtocol.Recipe(seed) : DatasetRecipe.Kaggle(kind, seed);
        var (card, trainAll, test) = Dataset(name, folder, recipe, available, cancel);
        _datasets[name] = card;
        _testBeats[name] = test;

        var train = profile.MaxTrainingBeatsPerClass is { } cap ? Subsample(trainAll, cap, seed) : trainAll;
        // One validation split for every model and ensemble of this split: beats drawn at random (intra), whole DS1 records (inter).
        var split = inter ? InterPatientProtocol.Validation(train, seed, ds1: trainAll) : ValidationSplit.ByBeat(train, ValidationFraction, seed);
        var owned = new List<IBeatClassifier>();
        var members = new Dictionary<string, SharedClassifier>(StringComparer.Ordinal);   // by model folder (full path)
        var stamps = new Dictionary<string, StepStamp>(StringComparer.Ordinal);
        var order = new List<(string Model, IBeatClassifier Classifier)>();
        try
        {
            foreach (var network in Networks.All)
            {
                var options = (inter ? profile.InterDeep(network) : profile.Deep(network)) with { Seed = seed };
                string target = folder.Model(network.Name);
                var stamp = ModelStamp(network, options, split);
                var model = Step($"{name}: train {network.Name}", target, stamp,
                    // An interrupted run left a checkpoint: go on from it.
                    () => TrainingView.Run(console, network, split, options, target, card.FileFor("train"), resume: true, cancel),
                    () => registry.Open(target));
                Keep(network.Name, target, stamp, model);
            }
            foreach (var classical in ClassicalModels.All)
            {
                var options = (inter ? profile.InterClassical(new ClassicalOptions()) : profile.Classical(new ClassicalOptions())) with { Seed = seed };
                string target = folder.Model(classical.Name);
                var stamp = ModelStamp(classical, classical.OptionsThatMatter(options), split);
                var model = Step($"{name}: train {classical.Name}", target, stamp,
                    () => ClassicalTrainer.Train(classical, split, options, target, card.FileFor("train")),
                    () => registry.Open(target));
                Keep(classical.Name, target, stamp, model);
            }
            var ensembles = new List<(string Model, EnsembleKind Kind, VotingMode Voting)>
            {
                (Ensembles.Weighted.Name, Ensembles.Weighted, VotingMode.Hard),
                ($"{Ensembles.Voting.Name}-hard", Ensembles.Voting, VotingMode.Hard),
                ($"{Ensembles.Voting.Name}-soft", Ensembles.Voting, VotingMode.Soft),
            };
            // For new patients: the specialists DS1's cross-validation chose (docs/inter-patient.md).
            if (inter) ensembles.Add((Ensembles.ClassWise.Name, Ensembles.ClassWise, VotingMode.Soft));
            foreach (var (model, ensemble, voting) in ensembles)
            {
                string target = folder.Model(model);
                var memberKinds = ensemble.DefaultMembers(registry);
                var stamp = new StepStamp("ensemble").With("kind", ensemble.Name).With("version", ensemble.Version.ToString())
                    .With("voting", ensemble == Ensembles.Voting ? voting.ToString() : "-").With("split", split.Fingerprint)
                    .With("classes", ensemble == Ensembles.ClassWise ? Ensembles.DefaultClassWise.ToString() : "-")
                    .With("members", string.Join(" ", memberKinds.Select(k => stamps[k.Name].Hash)));
                var classifier = Step($"{name}: {model}", target, stamp,
                    () => EnsembleFitter.Fit(ensemble, memberKinds.Select(k => (IBeatClassifier)members[folder.Model(k.Name)]).ToList(),
                        memberKinds.Select(k => folder.Model(k.Name)).ToList(), target, split, voting, seed).Ensemble,
                    () => registry.Open(target, members: path => members.GetValueOrDefault(path)));
                stamps[model] = stamp;
                owned.Add(classifier);
                order.Add((model, classifier));
            }
            // Members are evaluated before the ensembles, which then reuse their test-set probabilities.
            foreach (var (model, classifier) in order)
            {
                string target = folder.Evaluation(model);
                var stamp = new StepStamp("evaluation").With("model", stamps[model].Hash).With("test", test.Fingerprint())
                    .With("seed", seed.ToString()).With("bootstrap", BootstrapResamples.ToString());
                var evaluation = Step($"{name}: evaluate {model}", target, stamp,
                    () =>
                    {
                        var (evaluation, _) = Evaluation.Run(classifier, test, Path.Combine(folder.Data, card.FileFor("test")), seed, BootstrapResamples);
                        evaluation.Write(folder.EvaluationFile(model));
                        return evaluation;
                    },
                    () => Evaluation.Read(folder.EvaluationFile(model)));
                _results.Add(new ModelResult(name, evaluation, classifier.Card with { Model = model }));
            }
            if (inter) ScoreWholeRecords(name, folder, recipe, test, order, stamps, cancel);
        }
        finally
        {
            foreach (var classifier in owned) classifier.Dispose();
        }

        void Keep(string model, string target, StepStamp stamp, IBeatClassifier classifier)
        {
            owned.Add(classifier);
            stamps[model] = stamp;
            var shared = new SharedClassifier(classifier);
            members[Path.GetFullPath(target)] = shared;
            order.Add((model, shared));
        }
    }

    /// <summary>
    /// Every model on the whole test records, beat by beat (EC57): at the reference beats and end to end (Pan-Tompkins, the
    /// model's cut). The records are read, detected and cut once, only when some model's scores are not up to date.
    /// </summary>
    private void ScoreWholeRecords(string name, SplitFolder folder, DatasetRecipe recipe, LabelledBeats test,
        List<(string Model, IBeatClassifier Classifier)> order, Dictionary<string, StepStamp> stamps, CancellationToken cancel)
    {
        var detector = new Dsp.PanTompkins1985Detector();
        Ec57Evaluation? prepared = null;
        foreach (var (model, classifier) in order)
        {
            var stamp = new StepStamp("ec57").With("model", stamps[model].Hash).With("test", test.Fingerprint())
                .With("detector", detector.Name).With("records", string.Join(" ", DeChazal2004Split.Ds2)).With("comparator", "bxb 10.7");
            var results = Step($"{name}: whole records (EC57) {model}", folder.Ec57(model), stamp,
                () =>
                {
                    prepared ??= Ec57Evaluation.Prepare(dataDirectory, DeChazal2004Split.Ds2, recipe.Representation, detector, cancel: cancel);
                    var scores = prepared.Score(classifier, test);
                    JsonFile.Write(folder.Ec57File(model), scores);
                    return scores;
                },
                () => JsonFile.Read<List<Ec57Result>>(folder.Ec57File(model), "EC57 scores"));
            _ec57.Add(new Ec57ModelResult(name, model, results));
        }
    }

    /// <summary>The split's dataset: built and written, or read back when its stamp says it is up to date.</summary>
    private (DatasetCard Card, LabelledBeats Train, LabelledBeats Test) Dataset(string name, SplitFolder folder, DatasetRecipe recipe,
        IReadOnlyList<string> available, CancellationToken cancel)
    {
        var stamp = new StepStamp("dataset").With("builder", DatasetRecipe.BuilderVersion.ToString())
            .WithJson("representation", recipe.Representation.Recipe).With("split", recipe.Split.ToString())
            .With("seed", recipe.Seed.ToString()).With("testFraction", recipe.TestFraction.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("sources", Sources(available));
        return Step($"{name}: dataset", folder.Data, stamp,
            () =>
            {
                var built = DatasetBuilder.Build(dataDirectory, recipe, cancel: cancel);
                var card = DatasetWriter.Write(folder.Data, built);
                return (card, built.Train, built.Test);
            },
            () =>
            {
                var card = DatasetCard.Read(folder.DatasetCard);
                return (card, DatasetFiles.ReadLabelled(Path.Combine(folder.Data, card.FileFor("train"))),
                    DatasetFiles.ReadLabelled(Path.Combine(folder.Data, card.FileFor("test"))));
            });
    }

    /// <summary>A model step's inputs: the kind and its code version, every option, the data and validation split, the representation.</summary>
    private static StepStamp ModelStamp<TOptions>(ModelKind kind, TOptions options, ValidationSplit split) =>
        new StepStamp("model").With("kind", kind.Name).With("version", kind.Version.ToString()).WithJson("options", options)
            .With("split", split.Fingerprint).WithJson("representation", split.Data.Recipe);

    /// <summary>
    /// Runs <paramref name="work"/> unless <paramref name="folder"/>'s stamp says it was done with these inputs; then
    /// <paramref name="resume"/> reads its result back instead.
    /// </summary>
    private T Step<T>(string title, string folder, StepStamp stamp, Func<T> work, Func<T> resume)
    {
        if (!force && stamp.IsDoneIn(folder))
        {
            console.MarkupLineInterpolated($"[grey]{title}: up to date[/]");
            return resume();
        }
        console.MarkupLineInterpolated($"[bold]{title}[/]");
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(folder)) StepStamp.Clear(folder);
        var result = work();
        stamp.WriteTo(folder);
        console.MarkupLineInterpolated($"[grey]   done in {clock.Elapsed.TotalSeconds:0.0} s[/]");
        return result;
    }

    /// <summary>The data files' names, sizes and times: enough to notice a changed database, without hashing 100 MB.</summary>
    private string Sources(IReadOnlyList<string> records) =>
        string.Join(";", records.SelectMany(r => new[] { ".hea", ".dat", ".atr" }.Select(e => new FileInfo(Path.Combine(dataDirectory, r + e))))
            .Select(f => $"{f.Name}:{(f.Exists ? f.Length : -1)}:{(f.Exists ? f.LastWriteTimeUtc.Ticks : 0)}"));

    /// <summary>At most <c>cap[c]</c> beats of each class c, chosen with the seed, in their original order.</summary>
    private static LabelledBeats Subsample(LabelledBeats beats, IReadOnlyList<int> cap, int seed)
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
