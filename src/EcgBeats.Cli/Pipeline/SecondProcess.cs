using System.Diagnostics;
using EcgBeats.Runs;

namespace EcgBeats.Cli.Pipeline;

/// <summary>
/// <c>run --lanes 2</c>'s second process: this same <c>ecgbeats</c>, running the same splits on the same run folder with
/// the same options, each step claimed by one of the two (<see cref="MainJob.SideBySide"/>). Two processes, not two threads, because libtorch has one random
/// generator per process: two trainings in one process would draw each other's numbers. Its output goes to a log in the
/// run folder, so the terminal keeps one progress display.
/// </summary>
internal static class SecondProcess
{
    /// <summary>How long a stopped run waits for the second process to stop on its own (it got the same Ctrl+C) before killing it.</summary>
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(20);

    /// <summary>Runs <c>ecgbeats run --no-report</c> with <paramref name="arguments"/>, its output in <paramref name="log"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled, or the second process was interrupted.</exception>
    /// <exception cref="InvalidOperationException">It could not start or ended with an error; the log says why.</exception>
    public static async Task Run(IReadOnlyList<string> arguments, string log, CancellationToken cancel)
    {
        var (file, prefix) = Self();
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in prefix.Concat(["run", "--no-report"]).Concat(arguments)) start.ArgumentList.Add(a);
        // A plain log: no colours or live bars in the file.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "dumb";
        await using var output = new FileStream(log, FileMode.Create, FileAccess.Write, FileShare.Read);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var copies = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(output, CancellationToken.None),
            process.StandardError.BaseStream.CopyToAsync(output, CancellationToken.None));
        try
        {
            await process.WaitForExitAsync(cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C in a terminal reaches both processes; give it time to stop at a step's end, as this one does.
            using var grace = new CancellationTokenSource(GracePeriod);
            try { await process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(CancellationToken.None); }
            await copies;
            throw;
        }
        await copies;
        if (process.ExitCode == (int)ExitCode.Interrupted) throw new OperationCanceledException("the second process was interrupted");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the second process ended with exit code {process.ExitCode} (its output: {log})");
    }

    /// <summary>
    /// This program: its own executable when it has one beside it (a build's output), else the .NET host running its
    /// assembly (an installed tool, tests).
    /// </summary>
    private static (string File, string[] Prefix) Self()
    {
        string assembly = typeof(SecondProcess).Assembly.Location;
        string apphost = Path.Combine(Path.GetDirectoryName(assembly)!, Path.GetFileNameWithoutExtension(assembly) + (OperatingSystem.IsWindows() ? ".exe" : ""));
        if (File.Exists(apphost)) return (apphost, []);
        string host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        return (host, [assembly]);
    }
}
