namespace EcgBeats.Wfdb.Formats;

/// <summary>The table of WFDB signal formats: one <see cref="ISignalCodec"/> per format number.</summary>
public static class SignalCodecs
{
    /// <summary>WFDB's <c>WFDB_INVALID_SAMPLE</c>: what the library returns for a sample the file marks invalid, in every format.</summary>
    public const int InvalidSample = -32768;

    private static readonly Dictionary<int, ISignalCodec> ByFormat = new ISignalCodec[]
    {
        new Format8(), new Format16(), new Format24(), new Format32(), new Format61(), new Format80(), new Format160(),
        new Format212(), new Format310(), new Format311(),
    }.ToDictionary(c => c.Format);

    /// <summary>Every format read here, in number order (FLAC formats 508, 516 and 524 come from the EcgBeats.Flac package).</summary>
    public static IReadOnlyList<int> Formats { get; } = ByFormat.Keys.Order().ToArray();

    /// <summary>The formats, for error messages.</summary>
    public static string SupportedList => string.Join(", ", Formats);

    /// <summary>Whether <paramref name="format"/> can be read and written.</summary>
    public static bool IsSupported(int format) => ByFormat.ContainsKey(format);

    /// <summary>The codec of a format.</summary>
    /// <exception cref="NotSupportedException">No codec for the format; the message lists those there are.</exception>
    public static ISignalCodec Get(int format) =>
        ByFormat.TryGetValue(format, out var codec) ? codec
        : throw new NotSupportedException($"signal format {format} is not supported (supported: {SupportedList})");

    /// <summary>A stored value, or <see cref="InvalidSample"/> where it is the format's invalid marker (its most negative value).</summary>
    internal static int Checked(int value, int marker) => value == marker ? InvalidSample : value;
}
