using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Wfdb;

/// <summary>A signal whose samples do not sum to the checksum its header gives.</summary>
/// <param name="Signal">The signal's number (from 0).</param>
/// <param name="Description">Its description, e.g. <c>MLII</c>.</param>
/// <param name="Stated">The header's checksum.</param>
/// <param name="Actual">The sum of the signal's samples as stored, modulo 2^16 (signed).</param>
public sealed record ChecksumMismatch(int Signal, string Description, short Stated, short Actual);

/// <summary>
/// What WFDB's library checks when it reads a whole record, and says on standard error, which EcgBeats says too: a
/// signal's checksum (the 16-bit sum of all its samples as stored, <c>getvec: checksum error in signal N</c>) and the
/// header's own warnings (<see cref="WfdbHeader.Warnings"/>).
/// </summary>
public static class RecordChecks
{
    /// <summary>Frames read at a time while summing, so that a long record never needs to be held whole.</summary>
    private const long WindowFrames = 1 << 20;

    /// <summary>
    /// The signals whose samples do not sum to their header's checksum, as libwfdb checks them: single-segment records
    /// only, signals with a checksum field and a stored format (not 0), a header that states the length, and files that
    /// hold it (a short file is another error). Every sample of each signal is summed, at its own rate, an invalid one as
    /// the value its format stores (-2048 in format 212), with wrap-around.
    /// </summary>
    /// <param name="recordPath">The record's path without extension.</param>
    /// <exception cref="WfdbFormatException">The header is malformed, or a signal file is damaged.</exception>
    public static IReadOnlyList<ChecksumMismatch> Checksums(string recordPath)
    {
        var header = RecordReader.ReadHeader(recordPath);
        var sums = new RunningChecksums(header);
        if (!sums.Apply) return [];
        long length = header.SampleCount!.Value;
        try
        {
            if (RecordReader.Length(recordPath) < length) return [];
        }
        catch (WfdbFormatException)
        {
            return []; // a file shorter than the header says: WFDB stops at "unexpected EOF" and checks nothing
        }
        foreach (var window in RecordReader.ReadWindows(recordPath, 0, length, WindowFrames, SignalRate.OwnRate)) sums.Add(window);
        return sums.Mismatches();
    }

    /// <summary>
    /// <see cref="Checksums(string)"/> for a record already read whole (from frame 0 to the header's stated length, each
    /// sample held: one per frame, or at its own rate); for anything else, such as a window, nothing, as WFDB checks nothing.
    /// </summary>
    public static IReadOnlyList<ChecksumMismatch> Checksums(WfdbRecord record)
    {
        var sums = new RunningChecksums(record.Header);
        if (!sums.Apply || record.Start != 0 || record.Frames != record.Header.SampleCount || !RunningChecksums.HoldsEverySample(record)) return [];
        sums.Add(record);
        return sums.Mismatches();
    }

    /// <summary>The sentence for a mismatch, naming the header.</summary>
    public static string Describe(ChecksumMismatch mismatch, string headerPath) =>
        $"{headerPath}: checksum error in signal {mismatch.Signal} ({Io.Quote.Printable(mismatch.Description)}): the header says {mismatch.Stated}, its samples sum to {mismatch.Actual} (modulo 2^16); the signal file may be damaged or not this record's (WFDB's rdsamp reports the same)";

    /// <summary>
    /// The value a format stores for an invalid sample, which WFDB's checksum adds (putvec writes it, getvec sums it): the
    /// format's most negative value (format 8, which cannot mark one, and format 0 write -32768).
    /// </summary>
    internal static int StoredInvalid(int format) => format switch
    {
        80 or 508 => -(1 << 7),
        212 => -(1 << 11),
        310 or 311 => -(1 << 9),
        24 or 524 => -(1 << 23),
        32 => int.MinValue,
        _ => SignalCodecs.InvalidSample,
    };

    /// <summary>The sum of the samples, an invalid one counted as <paramref name="invalid"/>, wrapping as C's long does modulo 2^32 (only the low 16 bits matter).</summary>
    internal static int Sum(int[] samples, int invalid)
    {
        int sum = 0;
        foreach (int v in samples) sum = unchecked(sum + (v == SignalCodecs.InvalidSample ? invalid : v));
        return sum;
    }
}

/// <summary>
/// A whole record's checksums summed as it is read, window after window, in order (<see cref="RecordChecks"/>): a command
/// that reads the record anyway (<c>samples</c>) checks them without a second pass.
/// </summary>
/// <param name="header">The record's header.</param>
public sealed class RunningChecksums(WfdbHeader header)
{
    // The signals WFDB checks: a single-segment record whose header states its length, a checksum field, a stored format.
    private readonly int[] _signals = header.Segments is null && header.SampleCount is > 0
        ? Enumerable.Range(0, header.SignalCount).Where(s => header.Signals[s].Checksum is not null && header.Signals[s].Format != HeaderParser.NullFormat).ToArray()
        : [];

    private readonly int[] _sums = new int[header.SignalCount];

    /// <summary>Whether WFDB checks any signal of this record at all.</summary>
    public bool Apply => _signals.Length > 0;

    /// <summary>Whether <paramref name="window"/> holds every sample of each signal (its own rate, or one sample per frame throughout).</summary>
    public static bool HoldsEverySample(WfdbRecord window) => window.Rate == SignalRate.OwnRate || window.Header.MaxSamplesPerFrame == 1;

    /// <summary>Adds the next window (it must hold every sample: <see cref="HoldsEverySample"/>).</summary>
    public void Add(WfdbRecord window)
    {
        foreach (int s in _signals)
            _sums[s] = unchecked(_sums[s] + RecordChecks.Sum(window.Adc[s], RecordChecks.StoredInvalid(header.Signals[s].Format)));
    }

    /// <summary>The signals whose sums, once the whole record is added, differ from the header's checksums.</summary>
    public IReadOnlyList<ChecksumMismatch> Mismatches() =>
        _signals.Where(s => unchecked((short)_sums[s]) != header.Signals[s].Checksum)
            .Select(s => new ChecksumMismatch(s, header.Signals[s].Description, header.Signals[s].Checksum!.Value, unchecked((short)_sums[s]))).ToList();
}
