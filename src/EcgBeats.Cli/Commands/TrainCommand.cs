using EcgBeats.Io;
using EcgBeats.Cli.Pipeline;
using System.CommandLine;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Torch.Training;
using Spectre.Console;
using EcgBeats.Beats;
using EcgBeats.Protocols;

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
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted training from its last epoch checkpoint in --out (kinds that train in epochs)." };
        var members = new Option<string[]>("--members")
        {
            Description = "Ensembles: member model folders (default: " +
                          string.Join("; ", registry.Kinds.Where(k => k.DefaultMembers(registry).Count > 0).Select(e => $"{e.Name}: {string.Join(" ", e.DefaultMembers(registry))}")) +
                          ", found beside --out).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "DIR",
        };
        // Every training option, made from its declaration: one flag per option, the kinds' defaults in its help.
        var flags = new ModelOptionFlags(registry);

        var command = new Command("train", "Train a model on a beat file: deep (TorchSharp), classical (ML.NET) or an ensemble of trained models.")
        {
            model, train, output, validation, validationRecords, resume, members,
        };
        foreach (var flag in flags.Options) command.Options.Add(flag);
        command.SetAction(async (parse, cancel) =>
        {
            // Run on a worker thread: Ctrl+C then only cancels the token, and the work stops cleanly at its next check.
            await Task.Yield();
            string file = parse.GetValue(train)!;
            var console = Terminal.For(parse.InvocationConfiguration.Output);
            string which = parse.GetValue(model)!;
            var given = flags.Given(parse);
            // One seed for the validation split and the model.
            int seedValue = given.TryGet(CommonOptions.Seed, out int s) ? s : CommonOptions.DefaultSeed;
            given = given.With(CommonOptions.Seed, seedValue);
            var kinds = which == AllDeep ? registry.KindsOf(NetworkDefinition.FamilyName) : [registry.Find(which)!];
            foreach (var kind in kinds) ModelOptionFlags.Check(given, kind);
            string folder = OutputFolder.Prepare(parse.GetValue(output)!); // a file or an unwritable folder is said now, not after training
            double fraction = parse.GetValue(validation);
            if (!(fraction > 0 && fraction < 1)) throw new InvalidInputException($"--validation {fraction}: must lie between 0 and 1");
            var data = TrainingFile.Read(file, console);
            console.MarkupLineInterpolated($"Training on [bold]{file}[/]: {data.Count:N0} beats (N, S, V, F, Q = {string.Join(", ", data.ClassCounts().Select(c => c.ToString("N0")))})");
            // One validation split, made once: every model trained on this file with these options holds out these beats.
            var split = Validation(data, parse.GetValue(validationRecords), fraction, seedValue, file);
            console.WriteLine($"validation: {split.Description} ({split.ValidationIndices.Length:N0} beats)");

            foreach (var kind in kinds)
            {
                string target = kinds.Count > 1 ? Path.Combine(folder, kind.Name) : folder;
                // An ensemble's members: trained models, opened from their folders.
                var memberKinds = kind.Members(registry, given.For(kind));
                var memberFolders = memberKinds.Count > 0 ? MemberFolders(parse.GetValue(members), folder, memberKinds) : [];
                var opened = new List<IBeatClassifier>();
                try
                {
                    foreach (string f in memberFolders) opened.Add(registry.Open(f));
                    // The saved ensemble names each member's folder.
                    var saved = opened.Zip(memberFolders).DistinctBy(m => m.First.Name).ToDictionary(m => m.First.Name, m => m.Second);
                    var context = new TrainingContext { Source = file, Cancel = cancel, CheckpointFolder = target, Resume = parse.GetValue(resume), Members = [.. opened] };
                    using var trained = TrainingView.Run(console, kind, split, given.For(kind), context);
                    opened.Clear();   // the ensemble owns its members now
                    trained.Save(target, saved);
                    if (trained.Card.MemberWeights is { } w) console.WriteLine($"weights: {EnsembleStore.Format(w.Select(p => (p.Key, p.Value)))}");
                    Report(console, trained.Card, target);
                }
                catch (OperationCanceledException)
                {
                    parse.InvocationConfiguration.Error.WriteLine(
                        $"ecgbeats train: interrupted. Finished epochs are checkpointed in {target}; run the same command with --resume to continue.");
                    return (int)ExitCode.Interrupted;
                }
                finally
                {
                    foreach (var m in opened) m.Dispose();
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
