namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// WFDB format 8: each byte is a signed first difference (-128..127) from the signal's previous sample; the first is
/// added to the header's initial value. The codec moves the differences; the reader adds them up per signal
/// (<see cref="Integrate"/>), so a window must be read from the start of the file. No value marks an invalid sample.
/// </summary>
internal sealed class Format8 : ISignalCodec
{
    public int Format => 8;
    public int Bits => 8;
    public int DefaultResolution => 12;
    public int GroupValues => 1;
    public int GroupBytes => 1;
    public bool IsDifference => true;
    public long ByteCount(long values) => values;
    public long ValueCount(long bytes) => bytes;

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int8(bytes, values, offsetBinary: false); i < values.Length; i++) values[i] = (sbyte)bytes[i];
    }

    /// <summary>Encodes differences (each within -128..127), as <see cref="Differences"/> makes them.</summary>
    public void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is < sbyte.MinValue or > sbyte.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"sample {i} changes by {values[i]}, more than format 8's -128..127 per sample");
            bytes[i] = (byte)(sbyte)values[i];
        }
    }

    /// <summary>Turns differences into samples in place, from <paramref name="previous"/>; returns the last sample.</summary>
    public static int Integrate(Span<int> values, int previous)
    {
        for (int i = 0; i < values.Length; i++) values[i] = previous += values[i];
        return previous;
    }

    /// <summary>Turns samples into differences in place, from <paramref name="previous"/> (the header's initial value for the first).</summary>
    public static void Differences(Span<int> values, int previous)
    {
        for (int i = 0; i < values.Length; i++) (values[i], previous) = (values[i] - previous, values[i]);
    }
}
