namespace EcgBeats.Io;

/// <summary>
/// Writes files so that a reader never sees half of one: the content goes to a temporary file in
/// the same folder, which is then renamed over the target (atomic on one file system). Every failure
/// (a full disk, a target that is a folder) removes the temporary file, and its message names the
/// target, never the hidden temporary name.
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
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or its folder cannot be written.</exception>
    public static Stream Create(string path, out Action commit)
    {
        string full = Path.GetFullPath(path);
        FileKinds.CheckOutput(full); // never over a link, a device or a pipe: the rename would replace it
        if (Directory.Exists(full)) throw new IOException($"{full}: is a folder, not a file");
        string folder = Path.GetDirectoryName(full)!;
        if (File.Exists(folder)) throw new IOException($"{folder}: is a file, not a folder; cannot write {Path.GetFileName(full)} into it");
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var stream = new TempFileStream(temp, full);
        commit = stream.Commit;
        return stream;
    }

    /// <summary>
    /// The temporary file: writes pass through, and an I/O failure deletes it and is reported against the target.
    /// </summary>
    private sealed class TempFileStream : Stream
    {
        private readonly FileStream _file;
        private readonly string _temp, _target;
        private bool _done;

        public TempFileStream(string temp, string target)
        {
            (_temp, _target) = (temp, target);
            try { _file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed(e); }
        }

        public void Commit()
        {
            if (_done) throw new InvalidOperationException($"{_target}: already committed or discarded");
            try
            {
                _file.Flush(flushToDisk: true);
                _file.Dispose();
                File.Move(_temp, _target, overwrite: true);
                _done = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed(e); }
        }

        /// <summary>Deletes the temporary file (closing it first, ignoring a failing final flush) and names the target.</summary>
        private IOException Failed(Exception e)
        {
            Discard();
            return new IOException($"{_target}: could not be written ({e.Message.Replace(_temp, Path.GetFileName(_target))}); nothing was changed there", e);
        }

        private void Discard()
        {
            _done = true;
            try { _file?.Dispose(); }
            catch (IOException) { } // the final flush of a file that is being thrown away
            try { File.Delete(_temp); }
            catch (IOException) { }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try { _file.Write(buffer); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed(e); }
        }

        public override void WriteByte(byte value) => Write([value]);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try { await _file.WriteAsync(buffer, cancellationToken); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed(e); }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
            if (_done) return; // committed or discarded: nothing left to flush
            try { _file.Flush(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failed(e); }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done) Discard();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => !_done;
        public override long Length => _file.Length;
        public override long Position { get => _file.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
