using System.Buffers.Binary;

namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 32: 32-bit two's-complement little-endian values. -2147483648 marks an invalid sample.</summary>
internal sealed class Format32() : ByteAlignedCodec(32, 32, 4)
{
    public override void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int32(bytes, values); i < values.Length; i++)
            values[i] = SignalCodecs.Checked(BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4 * i, 4)), int.MinValue);
    }

    public override void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(4 * i, 4), StoredValue.Of(values[i], 32, i));
    }
}
