namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 24: 24-bit two's-complement little-endian values. -8388608 marks an invalid sample.</summary>
internal sealed class Format24() : ByteAlignedCodec(24, 24, 3)
{
    public override void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int24(bytes, values); i < values.Length; i++)
        {
            int v = (bytes[3 * i] | bytes[3 * i + 1] << 8 | bytes[3 * i + 2] << 16) << 8 >> 8; // sign-extend from bit 23
            values[i] = SignalCodecs.Checked(v, -(1 << 23));
        }
    }

    public override void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
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
