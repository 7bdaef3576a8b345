namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 24: 24-bit two's-complement little-endian values. -8388608 marks an invalid sample.</summary>
internal sealed class Format24 : ISignalCodec
{
    public int Format => 24;
    public int Bits => 24;
    public int DefaultResolution => 12;
    public int GroupValues => 1;
    public int GroupBytes => 3;
    public bool IsDifference => false;
    public long ByteCount(long values) => 3 * values;
    public long ValueCount(long bytes) => bytes / 3;

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int24(bytes, values); i < values.Length; i++)
        {
            int v = (bytes[3 * i] | bytes[3 * i + 1] << 8 | bytes[3 * i + 2] << 16) << 8 >> 8; // sign-extend from bit 23
            values[i] = SignalCodecs.Checked(v, -(1 << 23));
        }
    }

    public void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            int v = StoredValue.Of(values[i], 24, i);
            bytes[3 * i] = (byte)v;
            bytes[3 * i + 1] = (byte)(v >> 8);
            bytes[3 * i + 2] = (byte)(v >> 16);
        }
    }
}
