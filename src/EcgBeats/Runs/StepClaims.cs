using System.Diagnostics;
using System.Globalization;

namespace EcgBeats.Runs;

/// <summary>
/// Which process is doing which step, when two processes share one run folder (<c>run --lanes 2</c>): a claim file
/// per step in the run folder's <c>.claims</c>, made with an exclusive create so that one process wins, holding its
/// owner's process id and start time, and removed when the step ends, done or not. A claim whose owner has exited
/// (killed, crashed) is stale: the step is nobody's.
/// </summary>
/// <remarks>
/// Only one process may take stale claims over (the first, <see cref="MainJob"/> without
/// <see cref="MainJob.SecondProcessSince"/>): two processes replacing the same stale file could each believe they won.
/// </remarks>
/// <param name="root">The run folder (full path).</param>
public sealed class StepClaims(string root)
{
    /// <summary>A claim file younger than this may still be empty: its owner has created it and not yet written it.</summary>
    private static readonly TimeSpan Writing = TimeSpan.FromSeconds(10);

    private static readonly string Me = $"{Environment.ProcessId} {StartTicks(Process.GetCurrentProcess())}";

    /// <summary>The folder of claim files.</summary>
    public string Folder { get; } = Path.Combine(root, ".claims");

    /// <summary>Claims the step whose output goes to <paramref name="stepFolder"/>; null when another process has it.</summary>
    public IDisposable? TryClaim(string stepFolder)
    {
        Directory.CreateDirectory(Folder);
        string path = PathOf(stepFolder);
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            using (var writer = new StreamWriter(file))
                writer.Write(Me);
            return new Claim(path);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>Who holds the step's claim: nobody, a running process, or one that has exited.</summary>
    public ClaimState StateOf(string stepFolder) => StateOfFile(PathOf(stepFolder));

    /// <summary>Removes the step's claim when it is stale (its owner has exited); a running owner's claim stays.</summary>
    public void RemoveIfStale(string stepFolder)
    {
        if (StateOf(stepFolder) == ClaimState.Stale) File.Delete(PathOf(stepFolder));
    }

    /// <summary>Removes every stale claim (what a killed run left), before a run starts its second process.</summary>
    public void RemoveStale()
    {
        if (!Directory.Exists(Folder)) return;
        foreach (string file in Directory.EnumerateFiles(Folder))
            if (StateOfFile(file) == ClaimState.Stale) File.Delete(file);
    }

    private static ClaimState StateOfFile(string path)
    {
        string text;
        DateTime written;
        try
        {
            text = File.ReadAllText(path);
            written = File.GetLastWriteTimeUtc(path);
        }
        catch (FileNotFoundException) { return ClaimState.None; }
        catch (DirectoryNotFoundException) { return ClaimState.None; }
        string[] parts = text.Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int pid) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out long ticks))
            return DateTime.UtcNow - written < Writing ? ClaimState.Running : ClaimState.Stale;
        return IsRunning(pid, ticks) ? ClaimState.Running : ClaimState.Stale;
    }

    /// <summary>The claim file of a step: its folder relative to the run folder, '/' written as '+'.</summary>
    private string PathOf(string stepFolder) =>
        Path.Combine(Folder, Path.GetRelativePath(root, stepFolder).Replace(Path.DirectorySeparatorChar, '+').Replace(Path.AltDirectorySeparatorChar, '+'));

    /// <summary>Whether process <paramref name="pid"/> runs and is the one that started at <paramref name="ticks"/> (ids are reused; within a second is the same).</summary>
    private static bool IsRunning(int pid, long ticks)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // .NET derives a start time from the boot time, which it computes afresh each time: it moves by microseconds.
            return !process.HasExited && Math.Abs(StartTicks(process) - ticks) < TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException) { return false; }          // no such process
        catch (InvalidOperationException) { return false; }  // it exited meanwhile
        catch (System.ComponentModel.Win32Exception) { return false; }  // it exited between HasExited and reading /proc/<pid>/stat
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;

    private sealed class Claim(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}

/// <summary>Who holds a step's claim (<see cref="StepClaims.StateOf"/>).</summary>
public enum ClaimState
{
    /// <summary>Nobody: the step is free (or done).</summary>
    None,

    /// <summary>A running process.</summary>
    Running,

    /// <summary>A process that has exited without releasing it.</summary>
    Stale,
}
