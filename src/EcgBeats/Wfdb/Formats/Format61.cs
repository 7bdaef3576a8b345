using System.Buffers.Binary;

namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 61: 16-bit two's-complement big-endian values (format 16 with its bytes swapped). -32768 marks an invalid sample.</summary>
internal sealed class Format61 : ISignalCodec
{
    public int Format => 61;
    public int Bits => 16;
    public int DefaultResolution => 12;
    public int GroupValues => 1;
    public int GroupBytes => 2;
    public bool IsDifference => false;
    public long ByteCount(long values) => 2 * values;
    public long ValueCount(long bytes) => bytes / 2;

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int16(bytes, values, swap: BitConverter.IsLittleEndian); i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.Slice(2 * i, 2));
    }

    public void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt16BigEndian(bytes.Slice(2 * i, 2), (short)StoredValue.Of(values[i], 16, i));
    }
}
