using System.Buffers.Binary;

namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// WFDB format 311: three 10-bit two's-complement values in the low 30 bits of a 32-bit little-endian word
/// (value 0 in bits 0-9, value 1 in bits 10-19, value 2 in bits 20-29). A partial last group is read from 2 bytes
/// (one value) or 3 (two); WFDB writes two values as 4 bytes. -512 marks an invalid sample.
/// </summary>
internal sealed class Format311 : ISignalCodec
{
    public int Format => 311;
    public int Bits => 10;
    public int DefaultResolution => 10;
    public int GroupValues => 3;
    public int GroupBytes => 4;
    public bool IsDifference => false;
    public long ByteCount(long values) => values / 3 * 4 + (values % 3 == 0 ? 0 : values % 3 + 1);
    public long WrittenByteCount(long values) => values / 3 * 4 + (values % 3) * 2;
    public long ValueCount(long bytes) => bytes / 4 * 3 + Math.Max(0, bytes % 4 - 1);

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        int whole = values.Length / 3;
        for (int g = 0; g < whole; g++)
        {
            int word = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4 * g, 4));
            values[3 * g] = Ten(word);
            values[3 * g + 1] = Ten(word >> 10);
            values[3 * g + 2] = Ten(word >> 20);
        }
        for (int i = 3 * whole; i < values.Length; i++)
        {
            int group = i / 3, at = i % 3;
            // The bytes this value spans: 0-1, 1-2 or 2-3 of its group (a partial group may lack the rest).
            int lo = bytes[4 * group + at], hi = bytes[4 * group + at + 1];
            int v = ((hi << 8 | lo) >> (2 * at)) & 0x3FF;
            values[i] = Ten(v);
        }
    }

    /// <summary>The low 10 bits, sign-extended; the marker -512 as an invalid sample.</summary>
    private static int Ten(int v) => SignalCodecs.Checked((v & 0x3FF) << 22 >> 22, -512);

    public void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int g = 0; 3 * g < values.Length; g++)
        {
            int n = Math.Min(3, values.Length - 3 * g);
            uint word = 0;
            for (int k = 0; k < n; k++) word |= (uint)(StoredValue.Of(values[3 * g + k], 10, 3 * g + k) & 0x3FF) << (10 * k);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(4 * g, 2), (ushort)word);
            if (n > 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(4 * g + 2, 2), (ushort)(word >> 16));
        }
    }
}
