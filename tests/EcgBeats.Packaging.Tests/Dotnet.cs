using System.Diagnostics;
using System.Text;

namespace EcgBeats.Packaging.Tests;

/// <summary>Runs the dotnet CLI as a user would, in a given folder and environment, and keeps what it printed.</summary>
internal static class Dotnet
{
    /// <summary>The repository's root (the folder holding EcgBeats.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EcgBeats.sln"))) return dir.FullName;
        throw new InvalidOperationException("EcgBeats.sln not found above " + AppContext.BaseDirectory);
    }

    public static (int Code, string Output) Run(string folder, IReadOnlyDictionary<string, string>? environment, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) { process.Kill(true); throw new TimeoutException($"{file} {string.Join(' ', args)} ran over 10 minutes"); }
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Runs and requires success, showing the output when it fails.</summary>
    public static string Succeed(string folder, IReadOnlyDictionary<string, string>? environment, string file, params string[] args)
    {
        var (code, output) = Run(folder, environment, file, args);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited {code}:\n{output}");
        return output;
    }
}
