namespace EcgBeats.Io;

/// <summary>
/// Hidden work folders a killed process left behind (<c>.NAME.KIND.PID.GUID</c>, or <c>.ecgbeats-staging.PID.GUID</c>):
/// whose they were, and clearing them once their process has ended.
/// </summary>
public static class LeftBehind
{
    /// <summary>Whether the process whose id is the second-to-last dot-separated part of the folder's name has ended.</summary>
    public static bool OwnerGone(string hidden)
    {
        string[] parts = Path.GetFileName(hidden).Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[^2], out int pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException) { return true; } // no such process
        catch (InvalidOperationException) { return true; } // it exited while being looked at
    }

    /// <summary>Removes the folders in <paramref name="folder"/> matching <paramref name="pattern"/> whose process has ended (best effort).</summary>
    public static void Clear(string folder, string pattern)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string hidden in Directory.EnumerateDirectories(folder, pattern).ToList())
            if (OwnerGone(hidden))
            {
                try { Directory.Delete(hidden, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
    }
}
