namespace EcgBeats.Io;

/// <summary>
/// Writes files so that a reader never sees half of one: the content goes to a temporary file in
/// the same folder, which is then renamed over the target (atomic on one file system).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = Create(path, out var commit);
        stream.Write(bytes);
        commit();
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>
    /// Opens a temporary file beside <paramref name="path"/>. Call <paramref name="commit"/> after
    /// writing to flush it and rename it into place; dispose without committing to discard it.
    /// </summary>
    public static Stream Create(string path, out Action commit)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var stream = new TempFileStream(temp);
        commit = () =>
        {
            stream.Flush(flushToDisk: true);
            stream.Committed = true;
            stream.Dispose();
            File.Move(temp, full, overwrite: true);
        };
        return stream;
    }

    private sealed class TempFileStream(string tempPath) : FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None)
    {
        public bool Committed { get; set; }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (!Committed && File.Exists(Name)) File.Delete(Name);
        }
    }
}
