using EcgBeats.Io;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Wfdb;

/// <summary>
/// Reads the samples of a WFDB record, whole or a window of it, in any format of <see cref="SignalCodecs"/>, as WFDB's
/// library does: signal groups, samples per frame, skew, byte offsets, unknown lengths. A window reads only the bytes
/// that hold it (plus at most one group of packed values), except in format 8, whose differences are summed from the start.
/// </summary>
public static class RecordReader
{
    /// <summary>Reads a record's header (<c>record.hea</c>).</summary>
    /// <remarks>A multi-segment record's header comes with its signals, from its layout header or first segment.</remarks>
    public static WfdbHeader ReadHeader(string recordPath)
    {
        string headerPath = RecordPath.Header(recordPath);
        var header = HeaderParser.ReadFile(headerPath);
        return header.Segments is null ? header : MultiSegment.Resolve(header, Folder(headerPath), headerPath);
    }

    /// <summary>
    /// The files a record is read from: its header and signal files, and for a multi-segment record each segment's
    /// (commands check that no output of theirs lands on one of them, #25).
    /// </summary>
    /// <exception cref="WfdbFormatException">The header (or a segment's) is malformed.</exception>
    public static IReadOnlyList<string> Files(string recordPath)
    {
        string headerPath = RecordPath.Header(recordPath);
        var header = HeaderParser.ReadFile(headerPath);
        var files = new List<string> { Path.GetFullPath(headerPath) };
        if (header.Segments is { } segments)
        {
            foreach (var segment in segments.Where(s => s.Name != SegmentSpec.Gap).DistinctBy(s => s.Name))
            {
                string segmentHeader = Path.Combine(Folder(headerPath), segment.Name + ".hea");
                if (File.Exists(segmentHeader) && HeaderParser.ReadFile(segmentHeader).Segments is null)
                    files.AddRange(Files(Path.Combine(Folder(headerPath), segment.Name)));
            }
        }
        else
            files.AddRange(header.Signals.Where(s => s.Format != HeaderParser.NullFormat)
                .Select(s => Path.GetFullPath(Path.Combine(Folder(headerPath), s.FileName))));
        return files.Distinct().ToList();
    }

    /// <summary>Reads a whole record.</summary>
    public static WfdbRecord Read(string recordPath) => Read(recordPath, 0, null);

    /// <summary>The most samples one read gives null (format 0) signals, which no file bounds: 2^26 (256 MB as ints).</summary>
    public const long NullSampleBudget = 1L << 26;

    /// <summary>Opens a signal file to read, refusing a device or pipe (<c>/dev/zero</c> would never end).</summary>
    internal static Stream OpenSignalFile(string path)
    {
        Io.FileKinds.CheckInput(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    /// <summary>
    /// Reads a whole record as WFDB's own tools do when a signal file ends before the header's length: the whole frames
    /// every file holds (rdsamp prints "getvec: unexpected EOF" and goes on). <see cref="Read(string)"/> refuses such a
    /// record instead; this is for tools that annotate whatever a record holds.
    /// </summary>
    /// <param name="recordPath">The record's path without extension.</param>
    /// <param name="shortfall">What was missing (file, frames declared and held), or null when the files hold the header's length.</param>
    /// <exception cref="WfdbFormatException">The header is malformed, or a compressed signal file is damaged.</exception>
    public static WfdbRecord ReadWhatTheFilesHold(string recordPath, out string? shortfall)
    {
        string headerPath = RecordPath.Header(recordPath);
        var header = ReadHeader(recordPath);
        shortfall = null;
        if (header.Segments is not null || header.SampleCount is not > 0) return Read(recordPath);
        var groups = SignalGroup.Of(header, Folder(headerPath), headerPath);
        long declared = header.SampleCount.Value;
        foreach (var group in groups) CheckDeclaredLength(declared, group, headerPath); // an absurd length is a bad header, not a short file
        var shortest = groups.Where(g => g.Codec is not null).Select(g => (Group: g, Frames: g.FramesInFile())).Where(g => g.Frames < declared)
            .OrderBy(g => g.Frames).FirstOrDefault();
        if (shortest.Group is null) return Read(recordPath);
        shortfall = $"{headerPath} declares {declared} samples per signal, but {Path.GetFileName(shortest.Group.Path)} holds {shortest.Frames}: read the {shortest.Frames}, as WFDB does";
        // The same reader on the header with the length the files hold: every other check (skew, formats) as usual.
        var held = header with { SampleCount = shortest.Frames };
        return ReadWithHeader(held, headerPath, groups);
    }

    /// <summary>
    /// The record's length in frames (samples per signal at the frame rate): the header's length, or where the header
    /// gives none (or 0, "unknown") the whole frames every signal file holds, less the largest skew, as WFDB reads to the
    /// end of the shortest file.
    /// </summary>
    /// <exception cref="WfdbFormatException">A signal file is shorter than the header's length (the message names the byte).</exception>
    public static long Length(string recordPath)
    {
        string headerPath = RecordPath.Header(recordPath);
        var header = ReadHeader(recordPath);
        return header.Segments is not null ? header.SampleCount!.Value : Length(header, SignalGroup.Of(header, Folder(headerPath), headerPath), headerPath);
    }

    /// <summary>
    /// Reads <paramref name="length"/> frames from frame <paramref name="start"/> (to the end when
    /// <paramref name="length"/> is null). A frame holds one sample of each signal, or several of a signal stored
    /// at a multiple of the frame rate; <paramref name="rate"/> says how those are returned.
    /// </summary>
    /// <param name="recordPath">The record's path without extension, e.g. <c>mitdb/100</c>.</param>
    /// <param name="start">First frame, from 0 (the first sample, for records with one sample per frame).</param>
    /// <param name="length">Frames, or null for the rest of the record.</param>
    /// <param name="openRead">Opens a signal file for reading (tests count the bytes read); defaults to a file stream.</param>
    /// <param name="rate">How signals with several samples per frame are returned.</param>
    /// <exception cref="WfdbFormatException">The header is malformed or a signal file is shorter than it says.</exception>
    public static WfdbRecord Read(string recordPath, long start, long? length, Func<string, Stream>? openRead = null, SignalRate rate = SignalRate.FrameRate) =>
        Read(recordPath, start, length, openRead, rate, carry: null);

    /// <summary>
    /// Reads frames <paramref name="start"/> to <paramref name="end"/> as consecutive windows of <paramref name="windowFrames"/>
    /// (the last may be shorter), each as <see cref="Read(string, long, long?, Func{string, Stream}?, SignalRate)"/> returns it.
    /// A signal stored as differences (format 8) is summed once along the way, not again from the file's start for every
    /// window, so a long record costs time in proportion to its length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The frames lie outside the record, or the window is not positive.</exception>
    public static IEnumerable<WfdbRecord> ReadWindows(string recordPath, long start, long end, long windowFrames, SignalRate rate = SignalRate.FrameRate, Func<string, Stream>? openRead = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowFrames);
        var carry = new Dictionary<(string, long), (long Frame, int[] Previous)>();
        for (long at = start; at < end; at += windowFrames)
            yield return Read(recordPath, at, Math.Min(windowFrames, end - at), openRead, rate, carry);
    }

    private static WfdbRecord ReadWithHeader(WfdbHeader header, string headerPath, IReadOnlyList<SignalGroup> groups) =>
        Read(header, headerPath, groups, 0, null, null, SignalRate.FrameRate, null);

    private static WfdbRecord Read(string recordPath, long start, long? length, Func<string, Stream>? openRead, SignalRate rate,
        Dictionary<(string, long), (long Frame, int[] Previous)>? carry)
    {
        string headerPath = RecordPath.Header(recordPath);
        var header = ReadHeader(recordPath);
        var groups = header.Segments is null ? SignalGroup.Of(header, Folder(headerPath), headerPath) : [];
        return Read(header, headerPath, groups, start, length, openRead, rate, carry);
    }

    private static WfdbRecord Read(WfdbHeader header, string headerPath, IReadOnlyList<SignalGroup> groups, long start, long? length,
        Func<string, Stream>? openRead, SignalRate rate, Dictionary<(string, long), (long Frame, int[] Previous)>? carry)
    {
        long total = header.Segments is null ? Length(header, groups, headerPath) : header.SampleCount!.Value;
        if (start < 0 || start > total)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"the record has {total} frames");
        long count = length ?? total - start;
        if (count < 0 || start + count > total)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"frames {start}..{start + count} lie outside the record's {total}");
        int widest = Enumerable.Range(0, header.SignalCount).Max(s => WfdbRecord.PerFrame(header, rate, s));
        if (count > Array.MaxLength / widest)
            throw new InvalidInputException($"{headerPath}: {count:N0} frames ({widest} sample(s) each) are more than one read holds ({Array.MaxLength:N0} samples per signal); read a window of the record instead");
        // Null signals (format 0) hold no bytes, so no file bounds the samples they take: a 50-byte header declaring
        // 2e9 frames of one took 8 GB. They may take at most NullSampleBudget samples, or 4 times the real signals' samples.
        long nullPerFrame = Enumerable.Range(0, header.SignalCount).Where(s => header.Signals[s].Format == HeaderParser.NullFormat).Sum(s => (long)WfdbRecord.PerFrame(header, rate, s));
        long realPerFrame = Enumerable.Range(0, header.SignalCount).Sum(s => (long)WfdbRecord.PerFrame(header, rate, s)) - nullPerFrame;
        if (nullPerFrame > 0 && count * nullPerFrame > Math.Max(NullSampleBudget, 4 * count * realPerFrame))
            throw new InvalidInputException($"{headerPath}: {count:N0} frames of {header.Signals.Count(x => x.Format == HeaderParser.NullFormat):N0} null (format 0) signal(s) would take {count * nullPerFrame:N0} samples that no file holds " +
                $"(at most {NullSampleBudget:N0}, or 4 times the real signals' samples); read a shorter window of the record");
        if (header.Segments is not null)
            return MultiSegment.Read(header, Folder(headerPath), headerPath, start, count, openRead, rate);
        openRead ??= OpenSignalFile;

        var own = new int[header.SignalCount][];
        foreach (var group in groups)
            ReadGroup(group, header, start, (int)count, own, openRead, carry);
        int highest = header.Signals.Max(s => s.SamplesPerFrame);
        var adc = new int[header.SignalCount][];
        for (int s = 0; s < adc.Length; s++)
        {
            int spf = header.Signals[s].SamplesPerFrame;
            adc[s] = rate switch
            {
                SignalRate.FrameRate when spf > 1 => FrameMeans(own[s], spf),
                SignalRate.HighestRate when spf < highest => Expand(own[s], spf, highest),
                _ => own[s],
            };
        }
        return new WfdbRecord(header, start, adc, rate);
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

    private static string Folder(string headerPath) => Path.GetDirectoryName(Path.GetFullPath(headerPath))!;

    private static long Length(WfdbHeader header, IReadOnlyList<SignalGroup> groups, string headerPath)
    {
        long? declared = header.SampleCount is > 0 ? header.SampleCount : null;
        long available = long.MaxValue;
        foreach (var group in groups)
        {
            long frames = group.FramesInFile();
            if (declared is { } n)
            {
                CheckDeclaredLength(n, group, headerPath);
                if (frames < n)
                {
                    if (group.Codec is not { } codec)
                        throw new WfdbFormatException(group.Path, null, $"the compressed stream holds {frames} frames, but {headerPath} declares {n}: truncated file, or a length the file does not hold");
                    long needed = group.ByteOffset + codec.ByteCount(n * group.FrameValues);
                    long actual = Io.FileKinds.Target(group.Path).Length;
                    throw WfdbFormatException.AtByte(group.Path, actual,
                        $"the file ends here, but {headerPath} declares {n} frames x {group.FrameValues} values in format {codec.Format}, which need {needed} bytes (truncated file, or a length the file does not hold)");
                }
            }
            available = Math.Min(available, frames);
        }
        if (available == long.MaxValue) return declared ?? 0; // null signals only: as long as the header says
        // WFDB reads a skewed signal's sample t from frame t + skew, so the last frames lack the skewed samples.
        available -= header.Signals.Max(s => s.Skew);
        return Math.Max(0, Math.Min(declared ?? available, available));
    }

    private static void CheckDeclaredLength(long n, SignalGroup group, string headerPath)
    {
        if (n > (long.MaxValue / 8 - group.ByteOffset) / group.FrameValues)
            throw new WfdbFormatException(headerPath, "line 1", $"declares {n} samples per signal, more than any file can hold");
    }

    /// <summary>Values decoded per chunk: a multiple of every group size (1, 2, 3) small enough to stay in cache.</summary>
    private const int ChunkValues = 3 << 15;

    /// <summary>
    /// Reads frames <c>start .. start + count</c> of one group (each member from its own skew on) into
    /// <paramref name="own"/>: per member, <c>count x samples-per-frame</c> values at its own rate.
    /// </summary>
    /// <remarks>
    /// <c>carry</c>: format 8's running samples where a previous window of the same sequential read ended, per group (file
    /// and byte offset), so that the next window is summed on from there; null to sum from the file's start.
    /// </remarks>
    private static void ReadGroup(SignalGroup group, WfdbHeader header, long start, int count, int[][] own, Func<string, Stream> openRead,
        Dictionary<(string, long), (long Frame, int[] Previous)>? carry)
    {
        int[] members = group.Members;
        int[] spf = members.Select(m => header.Signals[m].SamplesPerFrame).ToArray();
        if (count == 0)
        {
            // Nothing to read (an empty window, or a skew longer than the file): no buffer sized by the skew.
            foreach (int m in members) own[m] = [];
            return;
        }
        if (group.Decoder is { } decoder)
        {
            // A compressed stream: the decoder seeks to the first frame and gives each channel's samples.
            int late = members.Max(m => header.Signals[m].Skew);
            int[][] channels = decoder.Read(group.Path, members.Length, group.SamplesPerFrame, start, count + late);
            for (int i = 0; i < members.Length; i++)
            {
                int skewed = header.Signals[members[i]].Skew * group.SamplesPerFrame;
                own[members[i]] = late == 0 ? channels[i] : channels[i].AsSpan(skewed, count * group.SamplesPerFrame).ToArray();
            }
            return;
        }
        if (group.Codec is not { } codec)
        {
            foreach (int m in members)
                Array.Fill(own[m] = new int[(long)count * header.Signals[m].SamplesPerFrame], SignalCodecs.InvalidSample);
            return;
        }
        int[] skew = members.Select(m => header.Signals[m].Skew).ToArray();
        int maxSkew = skew.Max();
        long frames = count + maxSkew;                  // frames of this group the window needs
        var buffers = members.Select((_, i) => new int[frames * spf[i]]).ToArray();

        // Format 8 stores differences: every frame from the file's start is summed (or from where the previous window of a
        // sequential read ended), the kept ones stored.
        int[] previous = members.Select(m => header.Signals[m].InitialValue).ToArray(); // format 8's running samples
        long firstFrame = codec.IsDifference ? 0 : start;
        var key = (group.Path, group.ByteOffset);
        bool carried = codec.IsDifference && maxSkew == 0 && codec.GroupValues == 1 && carry is not null;
        if (carried && carry!.TryGetValue(key, out var saved) && saved.Frame <= start)
            (firstFrame, previous) = (saved.Frame, (int[])saved.Previous.Clone());
        long skipFrames = start - firstFrame;
        long firstValue = firstFrame * group.FrameValues;
        long aligned = firstValue - firstValue % codec.GroupValues;   // reads begin at a group boundary
        long skipValues = firstValue - aligned + skipFrames * group.FrameValues;
        long toDecode = skipValues + frames * group.FrameValues;
        long byteStart = group.ByteOffset + aligned / codec.GroupValues * codec.GroupBytes;

        // Where each value of a frame goes: member and sample within the member's frame.
        int[] slotMember = new int[group.FrameValues], slotSub = new int[group.FrameValues];
        for (int i = 0, slot = 0; i < members.Length; i++)
            for (int k = 0; k < spf[i]; k++, slot++) (slotMember[slot], slotSub[slot]) = (i, k);
        bool simple = members.Length == 2 && group.FrameValues == 2 && !codec.IsDifference;

        int chunkCapacity = (int)Math.Min(ChunkValues, toDecode);
        var bytes = new byte[codec.ByteCount(chunkCapacity)];
        var decoded = new int[chunkCapacity];
        using var stream = openRead(group.Path);
        stream.Seek(byteStart, SeekOrigin.Begin);
        long done = 0;      // values decoded so far, from the aligned start
        long kept = -skipValues; // index of the next value within the kept frames (negative while skipping)
        while (done < toDecode)
        {
            int n = (int)Math.Min(ChunkValues, toDecode - done);
            int byteCount = (int)codec.ByteCount(n);
            int read = stream.ReadAtLeast(bytes.AsSpan(0, byteCount), byteCount, throwOnEndOfStream: false);
            if (read < byteCount)
                throw WfdbFormatException.AtByte(group.Path, stream.Position,
                    $"the file ended while reading {byteCount} bytes at byte {stream.Position - read}");
            var chunk = decoded.AsSpan(0, n);
            codec.Decode(bytes.AsSpan(0, byteCount), chunk);
            int j = 0;
            if (codec.IsDifference)
            {
                // Sum per member: value slot s of frame f belongs to slotMember[s].
                long value = aligned + done;
                for (; j < n; j++, value++)
                {
                    int slot = (int)(value % group.FrameValues);
                    int m = slotMember[slot];
                    chunk[j] = previous[m] += chunk[j];
                }
                j = 0;
            }
            if (kept < 0)
            {
                j = (int)Math.Min(n, -kept);
                kept += j;
            }
            if (simple && kept % 2 == 0)
            {
                // The common case (MIT-BIH): whole frames of two signals, no per-value branch.
                int[] a = buffers[0], b = buffers[1];
                long frame = kept / 2;
                for (; j + 1 < n; j += 2, frame++, kept += 2)
                {
                    a[frame] = chunk[j];
                    b[frame] = chunk[j + 1];
                }
            }
            for (; j < n; j++, kept++)
            {
                long frame = kept / group.FrameValues;
                int slot = (int)(kept % group.FrameValues);
                int m = slotMember[slot];
                buffers[m][frame * spf[m] + slotSub[slot]] = chunk[j];
            }
            done += n;
        }
        if (carried) carry![key] = (start + count, previous); // the samples of frame start + count - 1: the next window adds on
        for (int i = 0; i < members.Length; i++)
            own[members[i]] = maxSkew == 0 ? buffers[i] : buffers[i].AsSpan(skew[i] * spf[i], count * spf[i]).ToArray();
    }

    /// <summary>
    /// One sample per frame from <paramref name="spf"/>: WFDB's <c>meansamp</c>, the floor of (sum + spf/2) / spf,
    /// or invalid when any of them is.
    /// </summary>
    private static int[] FrameMeans(int[] samples, int spf)
    {
        var means = new int[samples.Length / spf];
        for (int f = 0; f < means.Length; f++)
        {
            long sum = spf / 2;
            bool invalid = false;
            for (int k = 0; k < spf; k++)
            {
                int v = samples[f * spf + k];
                if (v == SignalCodecs.InvalidSample) { invalid = true; break; }
                sum += v;
            }
            means[f] = invalid ? SignalCodecs.InvalidSample : (int)Math.Floor((double)sum / spf);
        }
        return means;
    }

    /// <summary>
    /// A signal of <paramref name="spf"/> samples per frame at <paramref name="highest"/> per frame, by WFDB's
    /// high-resolution rule: its sample advances whenever a counter stepping by spf crosses a multiple of highest.
    /// </summary>
    private static int[] Expand(int[] samples, int spf, int highest)
    {
        long frames = samples.Length / spf;
        var expanded = new int[frames * highest];
        for (long f = 0; f < frames; f++)
        {
            int index = 0, counter = -highest;
            for (int c = 0; c < highest; c++)
            {
                if (c > 0 && (counter += spf) >= 0) { index++; counter -= highest; }
                expanded[f * highest + c] = samples[f * spf + index];
            }
        }
        return expanded;
    }
}
