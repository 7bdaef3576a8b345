using EcgBeats.Io;
using System.CommandLine;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats train</c>: train a model (deep, classical, or an ensemble of trained ones) on a beat file.</summary>
internal static class TrainCommand
{
    /// <summary>The name that trains every deep model.</summary>
    private const string AllDeep = "all";

    public static Command Create()
    {
        var registry = EcgBeatsApp.Models;
        var model = new Option<string>("--model")
        {
            Description = $"What to train: {KindHelp.Kinds(registry)}, or {AllDeep} (every deep model, one sub-folder each).",
            Required = true,
        };
        model.AcceptOnlyFromAmong([.. registry.Kinds.Select(k => k.Name), AllDeep]);
        var train = new Option<string>("--train") { Description = "Training beats: a Kaggle-layout CSV (e.g. mitbih_train.csv; its dataset.json, when beside it, says how the beats were cut).", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = $"Model folder (with --model {AllDeep}: one sub-folder per model).", Required = true, HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 42 };
        var validation = new Option<double>("--validation") { Description = "Share of each class held out for validation (every model holds out the same beats).", DefaultValueFactory = _ => 0.1 };
        var validationRecords = new Option<string[]>("--validation-records")
        {
            Description = "Hold out these whole records for validation instead (as for new patients; the file must say which record each beat is from, e.g. a dataset's train.parquet). 'fold' holds out the records of the inter-patient protocol's fold for --seed (docs/inter-patient.md).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "RECORD",
        };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };

        // Deep models: the defaults are each network's (registry), so these options have none of their own.
        var epochs = new Option<int?>("--epochs") { Description = $"Deep: most epochs ({KindHelp.Defaults(registry, "epochs")})." };
        var batch = new Option<int?>("--batch") { Description = $"Deep: training batch size ({KindHelp.Defaults(registry, "batch")})." };
        var lr = new Option<double?>("--lr") { Description = $"Deep: peak learning rate ({KindHelp.Defaults(registry, "lr")})." };
        var balance = new Option<int?>("--balance") { Description = "Deep: resample the training part to N beats per class (the reference pipeline: 20000). Default: no resampling." };
        var classWeights = new Option<bool>("--class-weights") { Description = "Deep: weigh the loss by inverse class frequency instead." };
        var device = new Option<string>("--device") { Description = "Deep: cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var patience = new Option<int?>("--patience") { Description = $"Deep: epochs without a better validation macro-F1 before stopping ({KindHelp.Defaults(registry, "patience")})." };
        var maxBeats = new Option<int?>("--max-beats-per-epoch") { Description = "Deep: train each epoch on a random subset of this many beats." };
        var resume = new Option<bool>("--resume") { Description = "Deep: continue an interrupted run from its last epoch checkpoint in --out." };

        // Classical models: one set of options, each kind reading its own.
        var defaults = new ClassicalOptions();
        var weightsClassical = new Option<bool>("--example-weights") { Description = "Classical: weigh each training beat by the inverse frequency of its class (capped by --class-weight-cap)." };
        var weightCap = new Option<double?>("--class-weight-cap") { Description = "With --class-weights or --example-weights: no class weighs more than this." };
        var learningRate = new Option<double>("--learning-rate") { Description = $"{KindHelp.Defaults(registry, "learning-rate")}: boosting learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var l2 = new Option<float>("--l2") { Description = $"{KindHelp.Defaults(registry, "l2")}: L2 regularisation.", DefaultValueFactory = _ => defaults.L2 };
        var trees = new Option<int>("--trees") { Description = $"{KindHelp.Defaults(registry, "trees")}: trees per class.", DefaultValueFactory = _ => defaults.Trees };
        var leaves = new Option<int>("--leaves") { Description = $"{KindHelp.Defaults(registry, "leaves")}: leaves per tree (gbt uses at most 32).", DefaultValueFactory = _ => defaults.Leaves };
        var minLeaf = new Option<int>("--min-leaf") { Description = $"{KindHelp.Defaults(registry, "min-leaf")}: fewest beats per leaf.", DefaultValueFactory = _ => defaults.MinimumBeatsPerLeaf };
        var featureFraction = new Option<double>("--feature-fraction") { Description = $"{KindHelp.Defaults(registry, "feature-fraction")}: share of features per tree.", DefaultValueFactory = _ => defaults.FeatureFraction };
        var rank = new Option<int>("--kernel-rank") { Description = $"{KindHelp.Defaults(registry, "kernel-rank")}: random Fourier features.", DefaultValueFactory = _ => defaults.KernelRank };
        var gamma = new Option<float>("--gamma") { Description = $"{KindHelp.Defaults(registry, "gamma")}: RBF kernel gamma.", DefaultValueFactory = _ => defaults.KernelGamma };
        var iterations = new Option<int>("--svm-iterations") { Description = $"{KindHelp.Defaults(registry, "svm-iterations")}: Pegasos iterations per class.", DefaultValueFactory = _ => defaults.SvmIterations };

        // Ensembles.
        var members = new Option<string[]>("--members")
        {
            Description = "Ensembles: member model folders (default: " +
                          string.Join("; ", registry.KindsOf(Ensembles.FamilyName).OfType<EnsembleKind>().Select(e => $"{e.Name}: {string.Join(" ", e.DefaultMembers(registry))}")) +
                          ", found beside --out).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "DIR",
        };
        var voting = new Option<VotingMode>("--voting") { Description = "ensemble-voting: hard (majority) or soft (mean probability).", DefaultValueFactory = _ => VotingMode.Hard };
        var classes = new Option<string>("--classes")
        {
            Description = $"ensemble-classwise: which member gives each class and its factor, as 'N:gbt S:logregx1.5 V:gbt F:gbt Q:gbt' (default '{Ensembles.DefaultClassWise}').",
            DefaultValueFactory = _ => Ensembles.DefaultClassWise.ToString(),
        };

        var command = new Command("train", "Train a model on a beat file: deep (TorchSharp), classical (ML.NET) or an ensemble of trained models.")
        {
            model, train, output, seed, validation, validationRecords, threads,
            epochs, batch, lr, balance, classWeights, device, patience, maxBeats, resume,
            trees, leaves, minLeaf, featureFraction, rank, gamma, iterations, learningRate, l2, weightsClassical, weightCap,
            members, voting, classes,
        };
        command.SetAction(async (parse, cancel) =>
        {
            // Run on a worker thread: Ctrl+C then only cancels the token, and the work stops cleanly at its next check.
            await Task.Yield();
            string file = parse.GetValue(train)!;
            var console = Terminal.For(parse.InvocationConfiguration.Output);
            string which = parse.GetValue(model)!;
            string folder = OutputFolder.Prepare(parse.GetValue(output)!); // a file or an unwritable folder is said now, not after training
            int seedValue = parse.GetValue(seed);
            double fraction = parse.GetValue(validation);
            if (!(fraction > 0 && fraction < 1)) throw new InvalidInputException($"--validation {fraction}: must lie between 0 and 1");
            var data = TrainingFile.Read(file, console);
            console.MarkupLineInterpolated($"Training on [bold]{file}[/]: {data.Count:N0} beats (N, S, V, F, Q = {string.Join(", ", data.ClassCounts().Select(c => c.ToString("N0")))})");
            // One validation split, made once: every model trained on this file with these options holds out these beats.
            var split = Validation(data, parse.GetValue(validationRecords), fraction, seedValue, file);
            console.WriteLine($"validation: {split.Description} ({split.ValidationIndices.Length:N0} beats)");

            if (ClassicalModels.Find(which) is { } classical)
            {
                var options = new ClassicalOptions
                {
                    Trees = parse.GetValue(trees), Leaves = parse.GetValue(leaves), MinimumBeatsPerLeaf = parse.GetValue(minLeaf),
                    FeatureFraction = parse.GetValue(featureFraction), KernelRank = parse.GetValue(rank), KernelGamma = parse.GetValue(gamma),
                    SvmIterations = parse.GetValue(iterations), Seed = seedValue, Threads = parse.GetValue(threads),
                    LearningRate = parse.GetValue(learningRate), L2 = parse.GetValue(l2),
                    ClassWeights = parse.GetValue(weightsClassical), ClassWeightCap = parse.GetValue(weightCap),
                };
                using var trained = ClassicalTrainer.Train(classical, split, options, folder, file);
                Report(console, trained.Card, folder);
                return (int)ExitCode.Success;
            }
            if (registry.Find(which) is EnsembleKind ensemble)
            {
                var folders = MemberFolders(parse.GetValue(members), folder, ensemble.DefaultMembers(registry));
                var opened = new List<IBeatClassifier>();
                try
                {
                    foreach (string f in folders) opened.Add(registry.Open(f));
                }
                catch
                {
                    foreach (var m in opened) m.Dispose();
                    throw;
                }
                ClassWiseSpec spec;
                try
                {
                    spec = ClassWiseSpec.Parse(parse.GetValue(classes)!);
                }
                catch (FormatException e)
                {
                    foreach (var m in opened) m.Dispose();
                    throw new InvalidInputException($"--classes: {e.Message}");
                }
                var fitted = EnsembleFitter.Fit(ensemble, opened, folders, folder, split, parse.GetValue(voting), seedValue, spec);
                using var _ = fitted.Ensemble;
                if (fitted.Weights is { } w) console.WriteLine($"weights: {EnsembleStore.Format(opened.Select((m, i) => (m.Name, w[i])))}");
                Report(console, fitted.Card, folder);
                return (int)ExitCode.Success;
            }

            var networks = which == AllDeep ? Networks.All : [Networks.Find(which)!];
            foreach (var network in networks)
            {
                var d = network.Defaults;
                var options = d with
                {
                    Epochs = parse.GetValue(epochs) ?? d.Epochs,
                    BatchSize = parse.GetValue(batch) ?? d.BatchSize,
                    LearningRate = parse.GetValue(lr) ?? d.LearningRate,
                    Seed = seedValue,
                    BalancePerClass = parse.GetValue(balance) is > 0 and var n ? n : null,
                    ClassWeights = parse.GetValue(classWeights),
                    ClassWeightCap = parse.GetValue(weightCap),
                    Device = parse.GetValue(device)!,
                    Threads = parse.GetValue(threads),
                    Patience = parse.GetValue(patience) ?? d.Patience,
                    MaxBeatsPerEpoch = parse.GetValue(maxBeats),
                };
                string target = networks.Count > 1 ? Path.Combine(folder, network.Name) : folder;
                try
                {
                    using var trained = TrainingView.Run(console, network, split, options, target, file, parse.GetValue(resume), cancel);
                    Report(console, trained.Card, target);
                }
                catch (OperationCanceledException)
                {
                    parse.InvocationConfiguration.Error.WriteLine(
                        $"ecgbeats train: interrupted. Finished epochs are checkpointed in {target}; run the same command with --resume to continue.");
                    return (int)ExitCode.Interrupted;
                }
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>By beat (a share of each class), or by record: the records named, or the protocol's fold for the seed.</summary>
    private static ValidationSplit Validation(LabelledBeats data, string[]? records, double fraction, int seed, string file)
    {
        if (records is not { Length: > 0 }) return ValidationSplit.ByBeat(data, fraction, seed);
        if (data.Origins is null)
            throw new InvalidInputException($"{file}: the beats do not say which record each is from (a Kaggle CSV without its provenance), so whole records cannot be held out");
        if (records is ["fold"]) return InterPatientProtocol.Validation(data, seed);
        try
        {
            return ValidationSplit.ByRecord(data, records);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"--validation-records: {e.Message.Split(" (Parameter")[0]} in {file}");
        }
    }

    /// <summary>The member folders: as given, else the default members found beside <paramref name="output"/>.</summary>
    private static IReadOnlyList<string> MemberFolders(string[]? given, string output, IReadOnlyList<ModelKind> defaults)
    {
        if (given is { Length: > 0 }) return given.Select(Path.GetFullPath).ToList();
        string parent = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var found = defaults.Select(d => Path.Combine(parent, d.Name)).Where(d => File.Exists(Path.Combine(d, ModelCard.FileName))).ToList();
        if (found.Count == 0)
            throw new InvalidInputException($"no member models found beside {output} (looked for {string.Join(", ", defaults)} in {parent}); train them first or give --members");
        return found;
    }

    private static void Report(IAnsiConsole console, ModelCard card, string folder)
    {
        var v = card.Validation!;
        string epochs = card.BestEpoch is { } best ? $"kept epoch {best} of {card.Epochs}, " : "";
        string time = card.TrainingSeconds is { } s ? $", {s:0} s" : "";
        console.MarkupLineInterpolated(
            $"[green]{card.Model}[/]: {epochs}validation accuracy {Percent.Of(v["accuracy"])}, macro-F1 {v["macroF1"]:F4}{time} -> {folder}");
    }
}
