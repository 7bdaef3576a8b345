namespace EcgBeats.Io;

/// <summary>
/// Several files that belong together (a record's header, signal and annotation files; an annotated record's WFDB file
/// and CSV) written as one unit: each is written in a hidden staging folder inside the target folder, and only when all
/// are complete are they renamed into place, under a lock on the folder so that two processes writing the same names
/// cannot interleave their files. A failure or a dispose without <see cref="Commit"/> removes the staging folder and
/// leaves the target folder as it was.
/// </summary>
public sealed class FileSet : IDisposable
{
    /// <summary>The lock file taken in the target folder while files are renamed into place.</summary>
    public const string LockName = ".ecgbeats.lock";

    private readonly string _folder;
    private readonly string _staging;
    private readonly List<string> _names = [];
    private bool _committed;

    /// <summary>Starts a set of files for <paramref name="folder"/> (created when missing).</summary>
    /// <exception cref="IOException"><paramref name="folder"/> is an existing file.</exception>
    public FileSet(string folder)
    {
        _folder = Path.GetFullPath(folder);
        if (File.Exists(_folder)) throw new IOException($"{_folder}: is a file, not a folder; name a folder to write into");
        // A killed writer's staging folder (its process has ended) is cleared first.
        LeftBehind.Clear(_folder, ".ecgbeats-staging.*");
        // Creating the staging folder below is itself the check that the folder can be written.
        _staging = Path.Combine(_folder, $".ecgbeats-staging.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try { Directory.CreateDirectory(_staging); }
        catch (UnauthorizedAccessException e) { throw new IOException($"{_folder}: cannot write into this folder ({e.Message})", e); }
    }

    /// <summary>The hidden folder files are written to before <see cref="Commit"/> (stage each one written there).</summary>
    public string StagingFolder => _staging;

    /// <summary>
    /// The path to write the file <paramref name="name"/> to before <see cref="Commit"/>: a plain name, or plain names
    /// joined by <c>/</c> for a file in a subfolder (a report's <c>figures/x.png</c>), made in the staging folder now
    /// and in the target folder at the commit.
    /// </summary>
    public string Stage(string name)
    {
        foreach (string part in name.Split('/'))
            if (SafeNames.WhyNotPlain(part) is { } why) throw new InvalidInputException($"'{Quote.Short(name)}' cannot be a file name ({why})");
        if (!_names.Contains(name)) _names.Add(name);
        string path = Path.Combine(_staging, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>The final path of <paramref name="name"/> once committed.</summary>
    public string Final(string name) => Path.Combine(_folder, name);

    /// <summary>Renames every staged file into place, in the order they were staged, holding the folder's lock.</summary>
    /// <param name="lockTimeout">How long to wait for another process's commit to the same folder (default 60 s).</param>
    public void Commit(TimeSpan? lockTimeout = null)
    {
        foreach (string name in _names)
            if (!File.Exists(Path.Combine(_staging, name)))
                throw new InvalidOperationException($"{name} was staged but never written");
        foreach (string name in _names) FileKinds.CheckOutput(Path.Combine(_folder, name)); // all checked before any moves
        using (FolderLock.Take(_folder, lockTimeout ?? TimeSpan.FromSeconds(60)))
            foreach (string name in _names)
            {
                FaultPoints.Reach("FileSet.Commit"); // a test may kill the process before any of the renames
                string target = Path.Combine(_folder, name);
                if (name.Contains('/')) Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(_staging, name), target, overwrite: true);
            }
        _committed = true;
        Directory.Delete(_staging, recursive: true);
    }

    /// <summary>Removes the staging folder (and any file not committed).</summary>
    public void Dispose()
    {
        if (Directory.Exists(_staging))
        {
            try { Directory.Delete(_staging, recursive: true); }
            catch (IOException) when (!_committed) { }
        }
    }

    /// <summary>
    /// Holds the folder's lock (the one every <see cref="Commit"/> takes) until disposed: no file set is committed into
    /// the folder meanwhile, so what is read there is what every writer left.
    /// </summary>
    /// <exception cref="IOException">Another process held it for the whole timeout.</exception>
    public static IDisposable Lock(string folder, TimeSpan? timeout = null) => FolderLock.Take(folder, timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>An exclusive lock on a folder: an open lock file no other process can open while held.</summary>
    private static class FolderLock
    {
        public static IDisposable Take(string folder, TimeSpan timeout)
        {
            string path = Path.Combine(folder, LockName);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
                catch (IOException) when (waited.Elapsed < timeout) { Thread.Sleep(20); }
                catch (IOException e)
                {
                    throw new IOException($"{folder}: another process has held {LockName} for {timeout.TotalSeconds:0} s; not written", e);
                }
            }
        }
    }
}
