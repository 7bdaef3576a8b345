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

    /// <summary>
    /// Refuses an output file that is one of the command's own inputs (the same file, through links too): `samples 100
    /// --out 100.dat` replaced the record's signal file with its CSV, exit 0 (#25).
    /// </summary>
    /// <exception cref="InvalidInputException">It is one (both named).</exception>
    public static void CheckNotAnInput(string output, IEnumerable<string> inputs)
    {
        foreach (string input in inputs)
            if (FileKinds.AreSame(output, input))
                throw new InvalidInputException($"{Path.GetFullPath(output)}: is {input}, a file this command reads; writing there would destroy it (name another file)");
    }
}
