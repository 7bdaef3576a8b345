using System.CommandLine;
using EcgBeats.PhysioNet;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats fetch</c>: download MIT-BIH from PhysioNet with SHA-256 checks, resuming and retrying.</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var to = new Option<string?>("--to") { Description = "Folder to download into (default: the data folder, see --data).", HelpName = "DIR" };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "The database's folder on the server.",
            HelpName = "URL",
            DefaultValueFactory = _ => FetchOptions.MitBihArrhythmia.ToString(),
        };
        baseUrl.Validators.Add(result =>
        {
            string? text = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                result.AddError($"--base-url '{text}' is not an http:// or https:// address");
        });
        var records = new Option<string[]>("--records") { Description = "Only these records (default: all 48).", HelpName = "NAME", AllowMultipleArgumentsPerToken = true };
        var attempts = new Option<int>("--attempts") { Description = "Tries per file before giving up on transient failures.", DefaultValueFactory = _ => 5 };
        var command = new Command("fetch", "Download the MIT-BIH Arrhythmia Database 1.0.0 from PhysioNet, verifying every file's SHA-256.")
        {
            to, baseUrl, records, attempts,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string destination = parse.GetValue(to) is { } dir ? Path.GetFullPath(dir) : DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory;
            string text = parse.GetValue(baseUrl)!;
            var url = new Uri(text.EndsWith('/') ? text : text + "/");
            var options = new FetchOptions(url, destination, parse.GetValue(records) is { Length: > 0 } r ? r : null, Math.Max(1, parse.GetValue(attempts)));

            using var http = PhysioNetFetcher.CreateHttpClient();
            var fetcher = new PhysioNetFetcher(http);
            var console = Terminal.For(output);
            console.MarkupLineInterpolated($"Fetching [bold]{url}[/] into [bold]{destination}[/]");
            FetchResult result;
            if (console.Profile.Capabilities.Interactive)
            {
                result = await console.Progress()
                    .HideCompleted(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                             new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        // The total is not known in advance (the checksum list has no sizes): it is
                        // estimated from the files finished so far, and exact at the end.
                        var all = context.AddTask("all files", maxValue: 1);
                        ProgressTask? current = null;
                        long finishedBytes = 0;
                        var progress = new SynchronousProgress<FetchProgress>(p =>
                        {
                            if (current is null || current.Description != p.File)
                            {
                                current?.StopTask();
                                current = context.AddTask(p.File, maxValue: Math.Max(1, p.Length ?? 1));
                            }
                            if (p.Length is { } length) current.MaxValue = Math.Max(1, length);
                            current.Value = p.Bytes;
                            bool finished = p.Status is FetchStatus.Done or FetchStatus.AlreadyPresent or FetchStatus.Failed;
                            if (finished)
                            {
                                finishedBytes += p.Bytes;
                                current.Value = current.MaxValue;
                                current.StopTask();
                            }
                            int filesFinished = p.Index + (finished ? 1 : 0);
                            all.Description = $"all files ({filesFinished}/{p.Count})";
                            all.MaxValue = Math.Max(1, filesFinished == 0 ? p.Length ?? 1 : (double)finishedBytes * p.Count / filesFinished);
                            all.Value = finishedBytes + (finished ? 0 : p.Bytes);
                        });
                        var outcome = await fetcher.FetchAsync(options, progress, cancel);
                        all.Value = all.MaxValue;
                        return outcome;
                    });
            }
            else
            {
                var progress = new SynchronousProgress<FetchProgress>(p =>
                {
                    if (p.Status is FetchStatus.Done or FetchStatus.AlreadyPresent or FetchStatus.Retrying or FetchStatus.Failed)
                        output.WriteLine($"[{p.Index + 1}/{p.Count}] {p.File}: {Describe(p)}");
                });
                result = await fetcher.FetchAsync(options, progress, cancel);
            }

            output.WriteLine($"{result.Downloaded} files downloaded, {result.AlreadyPresent} already present and verified, in {destination}");
            if (result.Succeeded) return (int)ExitCode.Success;
            foreach (var (file, why) in result.Failures)
                error.WriteLine($"ecgbeats fetch: {file}: {why}");
            error.WriteLine($"ecgbeats fetch: {result.Failures.Count} file(s) failed; run the command again to resume.");
            return (int)ExitCode.DownloadFailed;
        });
        return command;
    }

    private static string Describe(FetchProgress p) => p.Status switch
    {
        FetchStatus.Done => $"{p.Bytes:N0} bytes, SHA-256 verified",
        FetchStatus.AlreadyPresent => "already present, SHA-256 verified",
        FetchStatus.Retrying => $"interrupted after {p.Bytes:N0} bytes; retrying from there",
        _ => "failed",
    };
}
