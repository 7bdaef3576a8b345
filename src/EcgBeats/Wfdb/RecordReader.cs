using EcgBeats.Io;

namespace EcgBeats.Wfdb;

/// <summary>
/// Reads the samples of a WFDB record, whole or a window of it. A window reads only the bytes
/// that hold it (plus at most one 3-byte group), never the whole file.
/// </summary>
public static class RecordReader
{
    /// <summary>Reads a record's header (<c>record.hea</c>).</summary>
    public static WfdbHeader ReadHeader(string recordPath) => HeaderParser.ReadFile(RecordPath.Header(recordPath));

    /// <summary>Reads a whole record.</summary>
    public static WfdbRecord Read(string recordPath) => Read(recordPath, 0, null);

    /// <summary>
    /// Reads <paramref name="length"/> samples per signal from sample <paramref name="start"/>
    /// (to the end when <paramref name="length"/> is null).
    /// </summary>
    /// <param name="recordPath">The record's path without extension, e.g. <c>mitdb/100</c>.</param>
    /// <param name="start">First sample, from 0.</param>
    /// <param name="length">Samples per signal, or null for the rest of the record.</param>
    /// <param name="openRead">Opens a signal file for reading (tests count the bytes read); defaults to a file stream.</param>
    /// <exception cref="WfdbFormatException">The header is malformed or disagrees with the signal file's size.</exception>
    public static WfdbRecord Read(string recordPath, long start, long? length, Func<string, Stream>? openRead = null)
    {
        string headerPath = RecordPath.Header(recordPath);
        var header = HeaderParser.ReadFile(headerPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(headerPath))!;
        openRead ??= path => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

        var files = header.Signals
            .Select((spec, index) => (spec, index))
            .GroupBy(s => s.spec.FileName)
            .ToList();
        long total = header.SampleCount ?? InferSampleCount(header, folder, files[0].Key, files[0].Count(), headerPath);
        // Every file must hold what the header declares before anything is allocated: a header claiming 4e18 samples
        // is a bad header (named), not an attempt at a 4e18-sample array.
        var paths = files.ToDictionary(f => f.Key, f => SignalFile(folder, f.Key, headerPath));
        foreach (var file in files)
        {
            var first = file.First().spec;
            string path = paths[file.Key];
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path}: signal file named in {headerPath} does not exist", path);
            if (file.Any(m => m.spec.Format != first.Format || m.spec.ByteOffset != first.ByteOffset))
                throw new WfdbFormatException(headerPath, null, $"signals stored in {file.Key} disagree on format or byte offset");
            CheckSize(path, headerPath, first.Format, first.ByteOffset, total, file.Count());
        }
        if (start < 0 || start > total)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"the record has {total} samples");
        long count = length ?? total - start;
        if (count < 0 || start + count > total)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"samples {start}..{start + count} lie outside the record's {total}");
        if (count > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(length), length, "window too long for one array");

        var adc = new int[header.SignalCount][];
        foreach (var file in files)
        {
            var members = file.ToList();
            int format = members[0].spec.Format;
            string path = paths[file.Key];

            int[][] targets = members.Select(m => adc[m.index] = new int[count]).ToArray();
            ReadFile(path, format, members[0].spec.ByteOffset, start, targets, openRead);
        }
        return new WfdbRecord(header, start, adc);
    }

    /// <summary>
    /// The path of a signal file a header names, which must lie in the header's folder (or below it), as WFDB resolves a
    /// plain name: a header cannot make the tool read <c>/etc/passwd</c> or another record's <c>../../other/101.dat</c>.
    /// </summary>
    /// <exception cref="WfdbFormatException">The name is absolute or leads out of the folder.</exception>
    public static string SignalFile(string folder, string fileName, string headerPath)
    {
        // Every part a plain name (no '..', no root or drive, no control character): the path cannot leave the folder.
        if (Path.IsPathRooted(fileName) || SafeNames.WhyNotRelative(fileName.Replace('\\', '/')) is not null)
            throw new WfdbFormatException(headerPath, null,
                $"the signal file '{Quote.Short(fileName)}' lies outside the record's folder {folder}; a header may name only files beside it (copy the signal file there)");
        return Path.Combine(folder, fileName);
    }

    private static long InferSampleCount(WfdbHeader header, string folder, string fileName, int signalsInFile, string headerPath)
    {
        var spec = header.Signals.First(s => s.FileName == fileName);
        long bytes = new FileInfo(SignalFile(folder, fileName, headerPath)).Length - spec.ByteOffset;
        long values = spec.Format == SignalFormats.Format212 ? bytes * 2 / 3 : bytes / 2;
        if (values % signalsInFile != 0)
            throw new WfdbFormatException(headerPath, "line 1", "no sample count, and the signal file does not hold whole frames");
        return values / signalsInFile;
    }

    private static void CheckSize(string path, string headerPath, int format, long offset, long samples, int signals)
    {
        if (samples > (long.MaxValue / 4 - offset) / Math.Max(1, signals))
            throw new WfdbFormatException(headerPath, "line 1", $"declares {samples} samples per signal, more than any file can hold");
        long expected = offset + SignalFormats.ByteCount(format, samples * signals);
        long actual = new FileInfo(path).Length;
        // A writer may pad a format-212 file with an odd value count to a whole 3-byte group.
        long padded = format == SignalFormats.Format212 ? offset + (samples * signals + 1) / 2 * 3 : expected;
        if (actual < expected)
            throw WfdbFormatException.AtByte(path, actual,
                $"the file ends here, but {headerPath} declares {samples} samples x {signals} signals in format {format}, which need {expected} bytes (truncated file, or a sample count the file does not hold)");
        if (actual > padded)
            throw WfdbFormatException.AtByte(path, expected,
                $"the file has {actual} bytes, but {headerPath} declares {samples} samples x {signals} signals in format {format}, which fill {expected}: the header's sample count disagrees with the file size");
    }

    /// <summary>Values decoded per chunk: a multiple of 2 (format 212 pairs) small enough to stay in cache.</summary>
    private const int ChunkValues = 1 << 16;

    /// <summary>
    /// Reads frames <c>firstFrame ..</c> of one signal file into <paramref name="targets"/> (one array
    /// per signal stored in the file, all of the window's length), decoding chunk by chunk.
    /// </summary>
    private static void ReadFile(string path, int format, long offset, long firstFrame, int[][] targets, Func<string, Stream> openRead)
    {
        int k = targets.Length;
        long frames = targets[0].Length;
        long firstValue = firstFrame * k, values = frames * k;
        // Start at a group boundary: format 212 packs values in pairs.
        long aligned = format == SignalFormats.Format212 ? firstValue & ~1L : firstValue;
        int skip = (int)(firstValue - aligned);
        long byteStart = offset + SignalFormats.ByteCount(format, aligned);
        long toDecode = skip + values;

        var bytes = new byte[SignalFormats.ByteCount(format, Math.Min(ChunkValues, toDecode))];
        var decoded = new int[Math.Min(ChunkValues, toDecode)];
        using var stream = openRead(path);
        stream.Seek(byteStart, SeekOrigin.Begin);
        long done = 0;       // values decoded so far, from the aligned start
        int channel = 0;     // where the next kept value goes
        long frame = 0;
        while (done < toDecode)
        {
            int n = (int)Math.Min(ChunkValues, toDecode - done);
            int byteCount = (int)SignalFormats.ByteCount(format, n);
            int read = stream.ReadAtLeast(bytes.AsSpan(0, byteCount), byteCount, throwOnEndOfStream: false);
            if (read < byteCount)
                throw WfdbFormatException.AtByte(path, stream.Position,
                    $"the file ended while reading {byteCount} bytes at byte {stream.Position - read}");
            var chunk = decoded.AsSpan(0, n);
            if (format == SignalFormats.Format212) Format212.Decode(bytes.AsSpan(0, byteCount), chunk);
            else Format16.Decode(bytes.AsSpan(0, byteCount), chunk);
            int from = done == 0 ? skip : 0;
            int j = from;
            if (k == 2 && channel == 0)
            {
                // The common case (MIT-BIH): whole frames of two signals, no per-value branch.
                int[] a = targets[0], b = targets[1];
                for (; j + 1 < n; j += 2, frame++)
                {
                    a[frame] = chunk[j];
                    b[frame] = chunk[j + 1];
                }
            }
            for (; j < n; j++)
            {
                targets[channel][frame] = chunk[j];
                if (++channel == k) { channel = 0; frame++; }
            }
            done += n;
        }
    }
}
