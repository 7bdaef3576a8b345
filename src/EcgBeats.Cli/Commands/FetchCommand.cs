using System.CommandLine;
using EcgBeats.Data;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats fetch</c>: download MIT-BIH from PhysioNet with SHA-256 checks, resuming and retrying.</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var to = new Option<string?>("--to") { Description = "Folder to download into (default: the data folder, see --data).", HelpName = "DIR" };
        var baseUrl = new Option<Uri>("--base-url")
        {
            Description = "The database's folder on the server.",
            HelpName = "URL",
            DefaultValueFactory = _ => FetchOptions.MitBihArrhythmia,
        };
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
            var url = parse.GetValue(baseUrl)!;
            if (!url.AbsoluteUri.EndsWith('/')) url = new Uri(url.AbsoluteUri + "/");
            var options = new FetchOptions(url, destination, parse.GetValue(records) is { Length: > 0 } r ? r : null, Math.Max(1, parse.GetValue(attempts)));

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var fetcher = new PhysioNetFetcher(http);
            var console = Terminal.For(output);
            console.MarkupLineInterpolated($"Fetching [bold]{url}[/] into [bold]{destination}[/]");
            FetchResult result;
            if (console.Profile.Capabilities.Interactive)
            {
                result = await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                             new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var files = context.AddTask("files");
                        ProgressTask? current = null;
                        var progress = new SynchronousProgress<FetchProgress>(p =>
                        {
                            files.MaxValue = p.Count;
                            if (current is null || current.Description != p.File)
                            {
                                current?.StopTask();
                                current = context.AddTask(p.File, maxValue: p.Length ?? 1);
                            }
                            if (p.Length is { } length) current.MaxValue = length;
                            current.Value = p.Bytes;
                            if (p.Status is FetchStatus.Done or FetchStatus.AlreadyPresent or FetchStatus.Failed)
                            {
                                current.Value = current.MaxValue;
                                current.StopTask();
                                files.Value = p.Index + 1;
                            }
                        });
                        return await fetcher.FetchAsync(options, progress, cancel);
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

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
