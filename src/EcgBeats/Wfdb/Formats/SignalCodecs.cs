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

    /// <summary>The packed formats, in number order, each with a codec here.</summary>
    public static IReadOnlyList<int> Formats { get; } = ByFormat.Keys.Order().ToArray();

    /// <summary>WFDB's FLAC-compressed formats (8, 16 and 24 bits), read by a registered <see cref="ISignalFileDecoder"/>.</summary>
    public static IReadOnlyList<int> CompressedFormats { get; } = [508, 516, 524];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, ISignalFileDecoder> Decoders = new();

    /// <summary>The formats, for error messages.</summary>
    public static string SupportedList => string.Join(", ", Formats.Concat(CompressedFormats));

    /// <summary>Whether a header may name <paramref name="format"/> (reading a compressed one needs its decoder registered).</summary>
    public static bool IsSupported(int format) => ByFormat.ContainsKey(format) || CompressedFormats.Contains(format);

    /// <summary>Whether <paramref name="format"/> is one of WFDB's compressed (FLAC) formats.</summary>
    public static bool IsCompressed(int format) => CompressedFormats.Contains(format);

    /// <summary>Adds a decoder for a compressed format (the EcgBeats.Flac package's <c>FlacSupport.Register()</c> calls this).</summary>
    public static void Register(ISignalFileDecoder decoder)
    {
        if (!IsCompressed(decoder.Format))
            throw new ArgumentException($"format {decoder.Format} is not one of WFDB's compressed formats ({string.Join(", ", CompressedFormats)})", nameof(decoder));
        Decoders[decoder.Format] = decoder;
    }

    /// <summary>The decoder of a compressed format.</summary>
    /// <exception cref="InvalidInputException">None is registered; the message says which package adds it.</exception>
    public static ISignalFileDecoder Decoder(int format) =>
        Decoders.TryGetValue(format, out var decoder) ? decoder
        : throw new InvalidInputException($"signal format {format} is FLAC-compressed; reading it needs the EcgBeats.Flac package (call EcgBeats.Flac.FlacSupport.Register() once; the ecgbeats tool does) and the libFLAC library");

    /// <summary>The codec of a format.</summary>
    /// <exception cref="NotSupportedException">No codec for the format; the message lists those there are.</exception>
    public static ISignalCodec Get(int format) =>
        ByFormat.TryGetValue(format, out var codec) ? codec
        : IsCompressed(format) ? throw new NotSupportedException($"signal format {format} is FLAC-compressed: it is read by a decoder, not a codec, and EcgBeats does not write it")
        : throw new NotSupportedException($"signal format {format} is not supported (supported: {SupportedList})");

    /// <summary>A stored value, or <see cref="InvalidSample"/> where it is the format's invalid marker (its most negative value).</summary>
    internal static int Checked(int value, int marker) => value == marker ? InvalidSample : value;
}
