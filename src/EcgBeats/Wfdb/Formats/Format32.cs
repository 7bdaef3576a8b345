using System.Buffers.Binary;

namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 32: 32-bit two's-complement little-endian values. -2147483648 marks an invalid sample.</summary>
internal sealed class Format32 : ISignalCodec
{
    public int Format => 32;
    public int Bits => 32;
    public int DefaultResolution => 12;
    public int GroupValues => 1;
    public int GroupBytes => 4;
    public bool IsDifference => false;
    public long ByteCount(long values) => 4 * values;
    public long ValueCount(long bytes) => bytes / 4;

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int32(bytes, values); i < values.Length; i++)
            values[i] = SignalCodecs.Checked(BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4 * i, 4)), int.MinValue);
    }

    public void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(4 * i, 4), StoredValue.Of(values[i], 32, i));
    }
}
