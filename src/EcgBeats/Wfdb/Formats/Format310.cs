using System.Buffers.Binary;

namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// WFDB format 310: three 10-bit two's-complement values in two 16-bit little-endian words w0, w1:
/// value 0 in w0 bits 1-10, value 1 in w1 bits 1-10, value 2's low 5 bits in w0 bits 11-15 and high 5 bits in
/// w1 bits 11-15. A partial last group takes 2 bytes (one value) or 4 (two). -512 marks an invalid sample.
/// </summary>
internal sealed class Format310 : ISignalCodec
{
    public int Format => 310;
    public int Bits => 10;
    public int DefaultResolution => 10;
    public int GroupValues => 3;
    public int GroupBytes => 4;
    public bool IsDifference => false;
    public long ByteCount(long values) => values / 3 * 4 + (values % 3) * 2;
    public long ValueCount(long bytes) => bytes / 4 * 3 + (bytes % 4) / 2;

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        int whole = values.Length / 3;
        for (int g = 0; g < whole; g++)
        {
            int w0 = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(4 * g, 2));
            int w1 = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(4 * g + 2, 2));
            values[3 * g] = Ten(w0 >> 1);
            values[3 * g + 1] = Ten(w1 >> 1);
            values[3 * g + 2] = Ten((w0 >> 11) | ((w1 & 0xF800) >> 6));
        }
        for (int i = 3 * whole; i < values.Length; i++)
        {
            int group = i / 3, at = i % 3;
            int w0 = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(4 * group, 2));
            int v = at switch
            {
                0 => w0 >> 1,
                1 => BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(4 * group + 2, 2)) >> 1,
                _ => (w0 >> 11) | ((BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(4 * group + 2, 2)) & 0xF800) >> 6),
            };
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
            int v0 = StoredValue.Of(values[3 * g], 10, 3 * g);
            int v1 = n > 1 ? StoredValue.Of(values[3 * g + 1], 10, 3 * g + 1) : 0;
            int v2 = n > 2 ? StoredValue.Of(values[3 * g + 2], 10, 3 * g + 2) : 0;
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(4 * g, 2), (ushort)(((v0 << 1) & 0x7FE) | (v2 << 11)));
            if (n > 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(4 * g + 2, 2), (ushort)(((v1 << 1) & 0x7FE) | ((v2 << 6) & 0xF800)));
        }
    }
}
