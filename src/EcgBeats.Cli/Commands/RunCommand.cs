using EcgBeats.Models;
using EcgBeats.Io;
using System.CommandLine;
using EcgBeats.Cli.Pipeline;
using EcgBeats.PhysioNet;
using EcgBeats.Datasets;
using EcgBeats.Runs;
using EcgBeats.Reports.Writers;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats run</c>: the main job, from the raw records to the report.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "quick (about 5 minutes on 2 cores: every model, picture and table, trained briefly on a subsample) or full (the real training, about 60 minutes on 2 cores).", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong([.. RunProfiles.All.Select(p => p.Name)]);
        var output = new Option<string>("--out") { Description = "The run folder.", DefaultValueFactory = _ => RunFolder.DefaultPath, HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 42 };
        var force = new Option<bool>("--force") { Description = "Redo every step, even those whose outputs are up to date." };
        var splits = new Option<RunSplit[]>("--splits")
        {
            Description = "Which splits to run: intra (the Kaggle split), inter (DS1 -> DS2, new patients), adaptive (the model for new patients adapted to each DS2 record on its first 5 minutes and on 2, 6, 12 confirmed beats; runs inter first), or intra and inter (the default).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [RunSplit.Intra, RunSplit.Inter],
        };
        var lanes = new Option<int?>("--lanes")
        {
            Description = "Processes at once: 1 trains every model in turn in this process; 2 starts a second process on the same run folder, and each step (a dataset, a training, an evaluation) is done by whichever process takes it first: this one from the first split's first model, the other from the last split's last. Every training takes one thread unless --threads says otherwise (the same numbers as --lanes 1 --threads 1; whether it is faster depends on the machine: docs/benchmarks.md). The second process's output goes to second-process.log in the run folder. Default: 2 for the quick profile on a 2-core machine, else 1.",
            HelpName = "1|2",
        };
        var noReport = new Option<bool>("--no-report") { Description = "Train and evaluate only; 'ecgbeats report' writes the report later." };
        var threads = new Option<int?>("--threads") { Description = "Threads per training, every model that takes them (default: every core for a network, ML.NET's choice for a classical model; 1 each with --lanes 2). Results depend on it; model cards record it.", HelpName = "N" };
        // The second process of --lanes 2 (the command line of the first starts it): the first one's start, UTC ticks.
        var secondProcess = new Option<long?>("--second-process-of") { Hidden = true };
        var baseUrl = new Option<string>("--base-url") { Description = "Where to fetch MIT-BIH from when the data folder is empty.", DefaultValueFactory = _ => FetchOptions.MitBihArrhythmia.ToString(), HelpName = "URL" };
        var command = new Command("run", "The main job: fetch the data if needed, build both splits, train every model and ensemble, evaluate, write the report.")
        {
            profile, output, seed, force, baseUrl, splits, lanes, threads, noReport, secondProcess,
        };
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield(); // Ctrl+C then only cancels; every finished step stays done
            var console = Terminal.For(parse.InvocationConfiguration.Output);
            var chosen = RunProfiles.Parse(parse.GetValue(profile)!);
            int chosenLanes = parse.GetValue(lanes) ?? chosen.DefaultLanes(Environment.ProcessorCount);
            if (chosenLanes is not (1 or 2)) throw new InvalidInputException($"--lanes {chosenLanes}: expected 1 or 2");
            if (parse.GetValue(threads) is { } n)
            {
                if (n < 1) throw new InvalidInputException($"--threads {n}: expected at least 1");
                var given = chosen;
                chosen = given with { Options = k => k.Options.Contains(CommonOptions.Threads) ? given.Options(k).With(CommonOptions.Threads, (int?)n) : given.Options(k) };
            }
            var folder = RunFolder.At(OutputFolder.Prepare(parse.GetValue(output)!)); // before any download or training
            var data = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption));
            // No records, or a record whose signal or annotation file is missing (what an interrupted fetch leaves): fetch
            // again; it resumes, and keeps the files already there and verified. A folder of fewer whole records is used as it is.
            string? missing = !File.Exists(Path.Combine(data.Directory, "100.hea")) ? "100.hea"
                : !Directory.Exists(data.Directory) ? null
                : Directory.EnumerateFiles(data.Directory, "*.hea").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)
                    .SelectMany(r => new[] { r + ".dat", r + ".atr" }).FirstOrDefault(f => !File.Exists(Path.Combine(data.Directory, f)));
            if (missing is not null)
            {
                console.WriteLine(File.Exists(Path.Combine(data.Directory, "100.hea"))
                    ? $"{missing} is missing from {data.Directory} (from {data.Source}): fetching the database again (files already there are kept)."
                    : $"No MIT-BIH records in {data.Directory} (from {data.Source}): fetching them.");
                using var http = PhysioNetFetcher.CreateHttpClient();
                string url = parse.GetValue(baseUrl)!;
                var fetched = await new PhysioNetFetcher(http).FetchAsync(new FetchOptions(new Uri(url.EndsWith('/') ? url : url + "/"), data.Directory), null, cancel);
                if (!fetched.Succeeded)
                    throw new HttpRequestException($"{fetched.Failures.Count} file(s) failed: {string.Join("; ", fetched.Failures.Select(f => $"{f.Key}: {f.Value}"))}");
            }
            console.WriteLine($"Profile {chosen.Name}: about {chosen.EstimatedMinutes:0} minutes on a 2-core machine. Data: {data.Directory}. Run folder: {folder.Root}");
            try
            {
                var view = new RunView(console);
                // The second process gets this one's options: the same steps, the same stamps.
                string[] same = ["--out", folder.Root, "--data", data.Directory, "--profile", chosen.Name, "--seed", parse.GetValue(seed).ToString(),
                    "--lanes", "2", .. parse.GetValue(threads) is { } t ? ["--threads", t.ToString()] : Array.Empty<string>(),
                    .. parse.GetValue(force) ? ["--force"] : Array.Empty<string>()];
                string log = Path.Combine(folder.Root, "second-process.log");
                var chosenSplits = parse.GetValue(splits)!.Distinct().Order().ToList();
                string[] splitNames = ["--splits", .. chosenSplits.Select(x => x.ToString().ToLowerInvariant())];
                DateTime? since = parse.GetValue(secondProcess) is { } ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
                // The full profile ends with the declared recipe trained on every patient, the model annotate uses (#27).
                bool allPatients = chosen == RunProfiles.Full && (chosenSplits.Contains(RunSplit.Inter) || chosenSplits.Contains(RunSplit.Adaptive));
                var results = view.Job(EcgBeatsApp.Models, data.Directory, folder, chosen, parse.GetValue(seed), parse.GetValue(force),
                    chosenSplits, chosenLanes,
                    since is not null ? null : (start, token) =>
                    {
                        console.MarkupLineInterpolated($"[grey]A second process shares the steps, from the other end, one thread per training (its output: {log})[/]");
                        return SecondProcess.Run([.. splitNames, .. same, "--second-process-of", start.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)], log, token);
                    }, allPatients, since).Run(cancel);
                view.Results(results);
                if (parse.GetValue(noReport)) return (int)ExitCode.Success;
                string report = ReportWriter.Write(results, folder.Root);
                console.WriteLine($"Report: {report}");
                return (int)ExitCode.Success;
            }
            catch (OperationCanceledException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"ecgbeats run: interrupted. Finished steps are kept in {folder.Root}; run the same command to go on.");
                return (int)ExitCode.Interrupted;
            }
        });
        return command;
    }
}
