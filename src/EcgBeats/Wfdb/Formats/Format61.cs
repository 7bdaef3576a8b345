using System.Buffers.Binary;

namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 61: 16-bit two's-complement big-endian values (format 16 with its bytes swapped). -32768 marks an invalid sample.</summary>
internal sealed class Format61() : ByteAlignedCodec(61, 16, 2)
{
    public override void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int16(bytes, values, swap: BitConverter.IsLittleEndian); i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.Slice(2 * i, 2));
    }

    public override void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt16BigEndian(bytes.Slice(2 * i, 2), (short)StoredValue.Of(values[i], 16, i));
    }
}
