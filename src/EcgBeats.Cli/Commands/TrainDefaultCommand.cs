using System.CommandLine;
using EcgBeats.Cli.Pipeline;
using EcgBeats.Io;
using EcgBeats.PhysioNet;
using EcgBeats.Runs;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats train-default</c>: the recipe declared for new patients trained on all 44 non-paced MIT-BIH patients
/// (DS1 + DS2), the model <c>annotate</c> uses by default (issue #27). What <c>run --profile full</c> does at its end,
/// for users who want only this model; the training itself is <see cref="MainJob.AllPatients"/>.
/// </summary>
internal static class TrainDefaultCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "quick (a subsample, minutes) or full (every beat, the recipe as declared).", DefaultValueFactory = _ => "full" };
        profile.AcceptOnlyFromAmong(RunProfiles.Quick.Name, RunProfiles.Full.Name);
        var output = new Option<string>("--out")
        {
            Description = $"The run folder: the models go to DIR/all-patients/models/ (default {RunFolder.DefaultPath}, where annotate looks first).",
            DefaultValueFactory = _ => RunFolder.DefaultPath, HelpName = "DIR",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 42 };
        var force = new Option<bool>("--force") { Description = "Train again, even when the models are up to date." };
        var command = new Command("train-default", "Train the model for new records: the declared new-patient recipe on all 44 non-paced MIT-BIH patients (no held-out patients; its published numbers are the DS1-only model's).")
        {
            profile, output, seed, force,
        };
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield(); // Ctrl+C then only cancels; a finished model stays done
            var console = Terminal.For(parse.InvocationConfiguration.Output);
            var chosen = RunProfiles.Parse(parse.GetValue(profile)!);
            var folder = RunFolder.At(OutputFolder.Prepare(parse.GetValue(output)!));
            var data = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption));
            if (!File.Exists(Path.Combine(data.Directory, "100.hea")))
                throw new DirectoryNotFoundException($"no MIT-BIH records in {data.Directory} (from {data.Source}): run 'ecgbeats fetch' first, or name the folder with --data");
            try
            {
                var job = new RunView(console).Job(EcgBeatsApp.Models, data.Directory, folder, chosen, parse.GetValue(seed), parse.GetValue(force), [], allPatients: true);
                var results = job.Run(cancel);
                if (results.AllPatients is null)
                    throw new InvalidInputException($"{data.Directory}: the model for new records needs all 44 non-paced MIT-BIH records (DS1 and DS2)");
                console.WriteLine($"Model for new records: {RunFolder.AllPatientsModel(folder.Root)}");
                return (int)ExitCode.Success;
            }
            catch (OperationCanceledException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"ecgbeats train-default: interrupted. Finished models are kept in {folder.Root}; run the same command to go on.");
                return (int)ExitCode.Interrupted;
            }
        });
        return command;
    }
}
