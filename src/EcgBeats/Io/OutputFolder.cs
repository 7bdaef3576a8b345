namespace EcgBeats.Io;

/// <summary>
/// A folder a command will write to, checked before any work starts: an existing file of that name or a folder that
/// cannot be written is reported at once, not after minutes of training.
/// </summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> when missing and checks a file can be created in it.</summary>
    /// <returns>The folder's full path.</returns>
    /// <exception cref="IOException">It is a file, or it cannot be created or written (the message names it and says why).</exception>
    public static string Prepare(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw new IOException($"{full}: is a file, not a folder; name a folder to write into");
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".ecgbeats-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{full}: cannot write into this folder ({e.Message})", e);
        }
        return full;
    }

    /// <summary>
    /// Checks that the file <paramref name="path"/> can be written later: not a folder, and its folder writable.
    /// </summary>
    /// <exception cref="IOException">It is a folder, or its folder cannot be written.</exception>
    public static void PrepareFile(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{full}: is a folder, not a file; name a file to write");
        Prepare(Path.GetDirectoryName(full)!);
    }
}
