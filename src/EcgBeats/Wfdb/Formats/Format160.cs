using System.Buffers.Binary;

namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 160: 16-bit offset-binary little-endian values (stored word minus 32768). A stored 0 marks an invalid sample.</summary>
internal sealed class Format160() : ByteAlignedCodec(160, 16, 2, defaultResolution: 16)
{
    public override void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.OffsetUInt16(bytes, values); i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(2 * i, 2)) - 32768;
    }

    public override void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(2 * i, 2), (ushort)(StoredValue.Of(values[i], 16, i) + 32768));
    }
}
