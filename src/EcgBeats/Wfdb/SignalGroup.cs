using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Wfdb;

/// <summary>
/// Signals stored together in one file: a run of adjacent header lines naming the same file, as WFDB groups them.
/// The same file named again on a later, non-adjacent line starts a new group that reads the file from its start
/// on its own (WFDB's rule; such a file is not one interleaved stream).
/// </summary>
/// <param name="Path">The signal file ("" for null signals).</param>
/// <param name="Codec">The group's storage format, or null for null signals (format 0: no file, every sample invalid).</param>
/// <param name="ByteOffset">Bytes before the first sample.</param>
/// <param name="Members">Signal numbers in the group, in header order.</param>
internal sealed record SignalGroup(string Path, ISignalCodec? Codec, long ByteOffset, int[] Members)
{
    /// <summary>The decoder of a compressed (FLAC) group; then <see cref="Codec"/> is null.</summary>
    public ISignalFileDecoder? Decoder { get; init; }

    /// <summary>Samples per frame of every member (a compressed group's signals all share one).</summary>
    public int SamplesPerFrame { get; init; } = 1;

    /// <summary>Values stored per frame: the sum of the members' samples per frame.</summary>
    public int FrameValues { get; init; }

    /// <summary>WFDB's grouping rule: runs of adjacent signals naming the same file, as the signal numbers of each run.</summary>
    public static IEnumerable<int[]> Runs(IReadOnlyList<SignalSpec> signals)
    {
        for (int s = 0; s < signals.Count;)
        {
            int end = s + 1;
            while (end < signals.Count && signals[end].FileName == signals[s].FileName) end++;
            yield return Enumerable.Range(s, end - s).ToArray();
            s = end;
        }
    }

    /// <summary>Splits a header's signals into groups, checking each file and its format.</summary>
    public static IReadOnlyList<SignalGroup> Of(WfdbHeader header, string folder, string headerPath)
    {
        var groups = new List<SignalGroup>();
        foreach (int[] members in Runs(header.Signals))
        {
            var first = header.Signals[members[0]];
            int s = members[0], end = members[^1] + 1;
            if (members.Any(m => header.Signals[m].Format != first.Format || header.Signals[m].ByteOffset != first.ByteOffset))
                throw new WfdbFormatException(headerPath, null,
                    $"signals {s}..{end - 1} are stored together in {first.FileName} but disagree on format or byte offset; EcgBeats reads one format per file");
            int frameValues = members.Sum(m => header.Signals[m].SamplesPerFrame);
            if (first.Format == HeaderParser.NullFormat)
            {
                groups.Add(new SignalGroup("", null, 0, members) { FrameValues = frameValues });
                continue;
            }
            string path = RecordReader.SignalFile(folder, first.FileName, headerPath);
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path}: signal file named in {headerPath} does not exist", path);
            if (SignalCodecs.IsCompressed(first.Format))
            {
                if (members.Any(m => header.Signals[m].SamplesPerFrame != first.SamplesPerFrame))
                    throw new WfdbFormatException(headerPath, null, $"the signals in {first.FileName} (FLAC) differ in samples per frame; WFDB requires one rate per FLAC file");
                if (first.ByteOffset != 0)
                    throw new WfdbFormatException(headerPath, null, $"{first.FileName}: a FLAC signal file cannot have a byte offset");
                groups.Add(new SignalGroup(path, null, 0, members)
                {
                    FrameValues = frameValues,
                    Decoder = SignalCodecs.Decoder(first.Format),
                    SamplesPerFrame = first.SamplesPerFrame,
                });
            }
            else
                groups.Add(new SignalGroup(path, SignalCodecs.Get(first.Format), first.ByteOffset, members) { FrameValues = frameValues });
        }
        return groups;
    }

    /// <summary>Whole frames the file holds after its byte offset.</summary>
    public long FramesInFile()
    {
        if (Decoder is not null) return Decoder.Frames(Path, Members.Length, SamplesPerFrame);
        if (Codec is null) return long.MaxValue; // null signals hold as many frames as asked
        long bytes = Io.FileKinds.Target(Path).Length - ByteOffset;
        return bytes <= 0 ? 0 : Codec.ValueCount(bytes) / FrameValues;
    }
}
