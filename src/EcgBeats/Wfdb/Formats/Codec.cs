namespace EcgBeats.Wfdb.Formats;

/// <summary>Argument checks every codec shares.</summary>
internal static class Codec
{
    public static void Need(ISignalCodec codec, ReadOnlySpan<byte> bytes, int values)
    {
        long needed = codec.ByteCount(values);
        if (bytes.Length < needed)
            throw new ArgumentException($"format {codec.Format}: {values} values need {needed} bytes; got {bytes.Length}", nameof(bytes));
    }

    public static void NeedWritten(ISignalCodec codec, Span<byte> bytes, int values)
    {
        long needed = codec.WrittenByteCount(values);
        if (bytes.Length < needed)
            throw new ArgumentException($"format {codec.Format}: {values} values need {needed} bytes; got {bytes.Length}", nameof(bytes));
    }
}
