namespace EcgBeats.Cli.Tests;

/// <summary>Runs <c>ecgbeats</c> in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = EcgBeats.Cli.Commands.CommandTree.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs the real command in a process of its own, with <paramref name="environment"/> added (e.g. a fault point that
    /// kills it, <c>Io/FaultPoints</c>), and returns its exit code and what it printed.
    /// </summary>
    public static Result RunProcess(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Program(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [Path.Combine(AppContext.BaseDirectory, "EcgBeats.Cli.dll"), .. args], environment);

    /// <summary>Runs any program (a shell, sbatch, scontrol) to its end in <paramref name="directory"/>, with <paramref name="environment"/> added; its exit code and what it printed.</summary>
    public static Result Program(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, string? directory = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = directory ?? "",
        };
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output, error.Result);
    }

    /// <summary>
    /// Starts the real command in a process of its own and sends it SIGINT (what Ctrl+C sends) once <paramref name="ready"/>
    /// holds; returns what it did then, or null when it finished (or 60 s passed) before it could be interrupted.
    /// </summary>
    public static Result? Interrupt(Func<bool> ready, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EcgBeats.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!ready() && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(10);
        if (process.HasExited || !ready())
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
            return null;
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
