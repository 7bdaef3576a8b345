namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// WFDB format 8: each byte is a signed first difference (-128..127) from the signal's previous sample; the first is
/// added to the header's initial value. The codec moves the differences; the reader adds them up per signal, so a
/// window must be read from the start of the file. No value marks an invalid sample.
/// </summary>
internal sealed class Format8() : ByteAlignedCodec(8, 8, 1)
{
    public override bool IsDifference => true;

    public override void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int8(bytes, values, offsetBinary: false); i < values.Length; i++) values[i] = (sbyte)bytes[i];
    }

    /// <summary>Encodes differences (each within -128..127), as <see cref="Differences"/> makes them.</summary>
    public override void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is < sbyte.MinValue or > sbyte.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"sample {i} changes by {values[i]}, more than format 8's -128..127 per sample");
            bytes[i] = (byte)(sbyte)values[i];
        }
    }

    /// <summary>Turns samples into differences in place, from <paramref name="previous"/> (the header's initial value for the first).</summary>
    public static void Differences(Span<int> values, int previous)
    {
        for (int i = 0; i < values.Length; i++) (values[i], previous) = (values[i] - previous, values[i]);
    }
}
