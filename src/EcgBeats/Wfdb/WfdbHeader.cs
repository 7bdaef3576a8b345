namespace EcgBeats.Wfdb;

/// <summary>
/// One signal line of a WFDB header: where the samples are, how they are stored and how ADC
/// units map to physical units. See PhysioNet's header(5) man page.
/// </summary>
/// <param name="FileName">The signal file, relative to the header's folder (e.g. <c>100.dat</c>).</param>
/// <param name="Format">Storage format, a key of <see cref="Formats.SignalCodecs"/> (212: two 12-bit samples in 3 bytes; 16: 16-bit little-endian).</param>
/// <param name="ByteOffset">Bytes to skip at the start of the signal file (the <c>+N</c> suffix).</param>
/// <param name="Gain">ADC units per physical unit (e.g. 200 per mV). A header's 0 means the WFDB default, 200.</param>
/// <param name="Baseline">The ADC value of physical zero; defaults to <paramref name="AdcZero"/>.</param>
/// <param name="Units">Physical units (default <c>mV</c>).</param>
/// <param name="AdcResolution">ADC resolution in bits (when the header omits it, what the format implies, else WFDB's 12).</param>
/// <param name="AdcZero">The ADC value in the middle of its range.</param>
/// <param name="InitialValue">The signal's first sample, as the header states it (defaults to <paramref name="AdcZero"/>).</param>
/// <param name="Checksum">The 16-bit sum of all samples, or null when the header omits it.</param>
/// <param name="BlockSize">Block size in bytes (0 for ordinary files).</param>
/// <param name="Description">The signal's name, e.g. <c>MLII</c> or <c>V1</c>.</param>
/// <param name="SamplesPerFrame">Samples of this signal per frame (the <c>x4</c> of <c>16x4</c>): it is sampled at this multiple of the record's frame rate.</param>
/// <param name="Skew">Frames by which this signal's samples are stored late: sample t is in frame t + skew. The header's
/// field (the <c>:4</c> of <c>16x2:4</c>) counts samples of the signal; WFDB rounds it to frames (4 samples at 2 per frame: 2).</param>
public sealed record SignalSpec(
    string FileName,
    int Format,
    long ByteOffset,
    double Gain,
    int Baseline,
    string Units,
    int AdcResolution,
    int AdcZero,
    int InitialValue,
    short? Checksum,
    int BlockSize,
    string Description,
    int SamplesPerFrame = 1,
    int Skew = 0)
{
    /// <summary>The format field as a header writes it: <c>format[xsamples-per-frame][:skew][+byte-offset]</c>, e.g. <c>16x4:8+512</c> (the skew in samples, as WFDB's setheader writes it).</summary>
    public string FormatField =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Format}{(SamplesPerFrame != 1 ? $"x{SamplesPerFrame}" : "")}{(Skew != 0 ? $":{Skew * SamplesPerFrame}" : "")}{(ByteOffset != 0 ? $"+{ByteOffset}" : "")}");
}

/// <summary>A parsed WFDB header (<c>.hea</c>) of a single-segment record.</summary>
/// <param name="RecordName">The record's name, e.g. <c>100</c>.</param>
/// <param name="SamplingFrequency">Frames per second, in Hz (WFDB default 250): each signal's sampling frequency times its samples per frame.</param>
/// <param name="SampleCount">Frames (samples per signal at the frame rate), or null when the header omits it or gives 0 ("unknown": read to the end of the file).</param>
/// <param name="BaseTime">The time of day of the first sample, when given.</param>
/// <param name="BaseDate">The date of the first sample, when given.</param>
/// <param name="Signals">One entry per signal, in header order (channel 0 first).</param>
/// <param name="Comments">The text of each <c>#</c> comment line, without the <c>#</c> (MIT-BIH: age, sex, medications).</param>
public sealed record WfdbHeader(
    string RecordName,
    double SamplingFrequency,
    long? SampleCount,
    TimeSpan? BaseTime,
    DateOnly? BaseDate,
    IReadOnlyList<SignalSpec> Signals,
    IReadOnlyList<string> Comments)
{
    /// <summary>
    /// A multi-segment record's segments in order, or null for a single-segment record. <see cref="Signals"/> of such a
    /// header come from its layout segment (or first segment) once <see cref="RecordReader.ReadHeader"/> has read it.
    /// </summary>
    public IReadOnlyList<SegmentSpec>? Segments { get; init; }

    /// <summary>
    /// What WFDB's library warns about this header when it opens the record (rdsamp prints it on standard error), e.g. a
    /// multi-segment record whose stated length differs from its segments' sum. Empty when there is nothing to say.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The number of signals the record line declares (for a multi-segment header, before its signals are known).</summary>
    public int DeclaredSignalCount { get; init; }

    /// <summary>Number of signals (channels).</summary>
    public int SignalCount => Signals.Count;

    /// <summary>Samples per second of one signal, in Hz: the frame rate times its samples per frame.</summary>
    public double SignalFrequency(int signal) => SamplingFrequency * Signals[signal].SamplesPerFrame;

    /// <summary>The largest number of samples per frame of any signal (1 for a single-frequency record).</summary>
    public int MaxSamplesPerFrame => Signals.Max(s => s.SamplesPerFrame);

    /// <summary>The record's length in seconds, when the sample count is known.</summary>
    public double? DurationSeconds => SampleCount / SamplingFrequency;
}

/// <summary>One segment of a multi-segment record: a record beside the header, or a gap.</summary>
/// <param name="Name">The segment's record name, or <see cref="Gap"/> for a stretch with no signals (read as invalid samples).</param>
/// <param name="Length">Its length in frames; 0 only for the first segment, the layout header of a variable-layout record.</param>
public sealed record SegmentSpec(string Name, long Length)
{
    /// <summary>The name of a gap: <c>~</c>.</summary>
    public const string Gap = "~";
}
