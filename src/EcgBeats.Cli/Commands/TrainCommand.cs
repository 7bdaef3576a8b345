using System.CommandLine;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.MlNet;
using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats train</c>: train a model, the four deep ones, a classical one or an ensemble, on a Kaggle-layout file.</summary>
internal static class TrainCommand
{
    private static readonly string[] Models =
        ["ann", "cnn", "lstm", "transformer", "all", "rf", "dt", "svm", EnsembleStore.Weighted, EnsembleStore.Voting];

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "ann, cnn, lstm, transformer, all (the four deep models), rf, dt, svm, ensemble-weighted or ensemble-voting.",
            Required = true,
        };
        model.AcceptOnlyFromAmong(Models);
        var train = new Option<string>("--train") { Description = "Training beats: a Kaggle-layout CSV (e.g. mitbih_train.csv).", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = "Model folder (with --model all: one sub-folder per model).", Required = true, HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 42 };
        var validation = new Option<double>("--validation") { Description = "Share of each class held out for validation (every model holds out the same beats).", DefaultValueFactory = _ => 0.1 };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };

        // Deep models.
        var epochs = new Option<int?>("--epochs") { Description = "Deep: most epochs (default per model: ann 40, cnn 14, lstm 20, transformer 10)." };
        var batch = new Option<int?>("--batch") { Description = "Deep: training batch size (default 128)." };
        var lr = new Option<double?>("--lr") { Description = "Deep: peak learning rate (default 1e-3, lstm 2e-3)." };
        var balance = new Option<int?>("--balance") { Description = "Deep: resample the training part to N beats per class (the reference pipeline: 20000). Default: no resampling." };
        var classWeights = new Option<bool>("--class-weights") { Description = "Deep: weigh the loss by inverse class frequency instead." };
        var device = new Option<string>("--device") { Description = "Deep: cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var patience = new Option<int?>("--patience") { Description = "Deep: epochs without a better validation macro-F1 before stopping (default 4, ann 6, lstm 5)." };
        var maxBeats = new Option<int?>("--max-beats-per-epoch") { Description = "Deep: train each epoch on a random subset of this many beats." };
        var resume = new Option<bool>("--resume") { Description = "Deep: continue an interrupted run from its last epoch checkpoint in --out." };

        // Classical models.
        var defaults = new ClassicalOptions();
        var trees = new Option<int>("--trees") { Description = "rf: trees per class.", DefaultValueFactory = _ => defaults.Trees };
        var leaves = new Option<int>("--leaves") { Description = "rf, dt: leaves per tree.", DefaultValueFactory = _ => defaults.Leaves };
        var minLeaf = new Option<int>("--min-leaf") { Description = "rf, dt: fewest beats per leaf.", DefaultValueFactory = _ => defaults.MinimumBeatsPerLeaf };
        var featureFraction = new Option<double>("--feature-fraction") { Description = "rf: share of features per tree.", DefaultValueFactory = _ => defaults.FeatureFraction };
        var rank = new Option<int>("--kernel-rank") { Description = "svm: random Fourier features.", DefaultValueFactory = _ => defaults.KernelRank };
        var gamma = new Option<float>("--gamma") { Description = "svm: RBF kernel gamma.", DefaultValueFactory = _ => defaults.KernelGamma };
        var iterations = new Option<int>("--svm-iterations") { Description = "svm: Pegasos iterations per class.", DefaultValueFactory = _ => defaults.SvmIterations };

        // Ensembles.
        var members = new Option<string[]>("--members")
        {
            Description = "Ensembles: member model folders (default: ann cnn lstm transformer beside --out for the weighted one; those and rf dt svm for voting).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "DIR",
        };
        var voting = new Option<VotingMode>("--voting") { Description = "ensemble-voting: hard (majority) or soft (mean probability).", DefaultValueFactory = _ => VotingMode.Hard };

        var command = new Command("train", "Train a model on a Kaggle-layout training file: deep (TorchSharp), classical (ML.NET) or an ensemble of trained models.")
        {
            model, train, output, seed, validation, threads,
            epochs, batch, lr, balance, classWeights, device, patience, maxBeats, resume,
            trees, leaves, minLeaf, featureFraction, rank, gamma, iterations,
            members, voting,
        };
        command.SetAction(async (parse, cancel) =>
        {
            // Run on a worker thread: Ctrl+C then only cancels the token, and the work stops cleanly at its next check.
            await Task.Yield();
            string file = parse.GetValue(train)!;
            var console = Terminal.For(parse.InvocationConfiguration.Output);
            var data = KaggleCsv.Read(file);
            string which = parse.GetValue(model)!;
            string folder = Path.GetFullPath(parse.GetValue(output)!);
            int seedValue = parse.GetValue(seed);
            double fraction = parse.GetValue(validation);
            if (!(fraction > 0 && fraction < 1)) throw new InvalidInputException($"--validation {fraction}: must lie between 0 and 1");
            console.MarkupLineInterpolated($"Training on [bold]{file}[/]: {data.Count:N0} beats (N, S, V, F, Q = {string.Join(", ", data.ClassCounts().Select(c => c.ToString("N0")))})");

            if (ClassicalModels.TryParse(which, out var classical))
            {
                var options = new ClassicalOptions
                {
                    Trees = parse.GetValue(trees), Leaves = parse.GetValue(leaves), MinimumBeatsPerLeaf = parse.GetValue(minLeaf),
                    FeatureFraction = parse.GetValue(featureFraction), KernelRank = parse.GetValue(rank), KernelGamma = parse.GetValue(gamma),
                    SvmIterations = parse.GetValue(iterations), Seed = seedValue, ValidationFraction = fraction, Threads = parse.GetValue(threads),
                };
                var trained = ClassicalTrainer.Train(classical, data, options, folder, file);
                Report(console, trained.Card, folder);
                return (int)ExitCode.Success;
            }
            if (which is EnsembleStore.Weighted or EnsembleStore.Voting)
            {
                bool weighted = which == EnsembleStore.Weighted;
                var folders = EnsembleTraining.MemberFolders(parse.GetValue(members), folder, weighted ? EnsembleTraining.DeepMembers : EnsembleTraining.AllMembers);
                var card = EnsembleTraining.Build(folder, folders, data, file, seedValue, fraction, weighted ? null : parse.GetValue(voting), console.WriteLine);
                Report(console, card, folder);
                return (int)ExitCode.Success;
            }

            var kinds = which == "all" ? Networks.All : [Enum.Parse<NetworkKind>(which, ignoreCase: true)];
            foreach (var kind in kinds)
            {
                var kindDefaults = TrainerOptions.For(kind);
                var options = kindDefaults with
                {
                    Epochs = parse.GetValue(epochs) ?? kindDefaults.Epochs,
                    BatchSize = parse.GetValue(batch) ?? kindDefaults.BatchSize,
                    LearningRate = parse.GetValue(lr) ?? kindDefaults.LearningRate,
                    Seed = seedValue,
                    BalancePerClass = parse.GetValue(balance) is > 0 and var n ? n : null,
                    ClassWeights = parse.GetValue(classWeights),
                    Device = parse.GetValue(device)!,
                    Threads = parse.GetValue(threads),
                    Patience = parse.GetValue(patience) ?? kindDefaults.Patience,
                    ValidationFraction = fraction,
                    MaxBeatsPerEpoch = parse.GetValue(maxBeats),
                };
                string target = kinds.Count > 1 ? Path.Combine(folder, Networks.Name(kind)) : folder;
                try
                {
                    using var trained = TrainingView.Run(console, kind, data, options, target, file, parse.GetValue(resume), cancel);
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

    private static void Report(IAnsiConsole console, ModelCard card, string folder)
    {
        var v = card.Validation!;
        string epochs = card.BestEpoch is { } best ? $"kept epoch {best} of {card.Epochs}, " : "";
        string time = card.TrainingSeconds is { } s ? $", {s:0} s" : "";
        console.MarkupLineInterpolated(
            $"[green]{card.Model}[/]: {epochs}validation accuracy {Percent.Of(v["accuracy"])}, macro-F1 {v["macroF1"]:F4}{time} -> {folder}");
    }
}
