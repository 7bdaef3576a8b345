using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EcgBeats.Wfdb.Formats;

/// <summary>
/// WFDB format 212 (MIT-BIH): pairs of 12-bit two's-complement values in 3 bytes. For values a, b:
/// byte 0 = a bits 0-7; byte 1 = a bits 8-11 (low nibble) and b bits 8-11 (high nibble); byte 2 = b bits 0-7.
/// A lone last value takes 2 bytes. -2048 marks an invalid sample.
/// </summary>
internal sealed class Format212 : ISignalCodec
{
    public int Format => 212;
    public int Bits => 12;
    public int DefaultResolution => 12;
    public int GroupValues => 2;
    public int GroupBytes => 3;
    public bool IsDifference => false;
    public long ByteCount(long values) => (values * 3 + 1) / 2;
    public long ValueCount(long bytes) => bytes / 3 * 2 + (bytes % 3 == 2 ? 1 : 0);

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        int pairs = values.Length / 2;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(values);
        for (int i = Widen.Packed212(bytes, values) / 2; i < pairs; i++)
        {
            // Read the 3 bytes once; sign-extend each 12-bit value with a shift pair.
            int b0 = Unsafe.Add(ref src, 3 * i);
            int b1 = Unsafe.Add(ref src, 3 * i + 1);
            int b2 = Unsafe.Add(ref src, 3 * i + 2);
            int a = ((b0 | (b1 & 0x0F) << 8) << 20) >> 20;
            int b = ((b2 | (b1 & 0xF0) << 4) << 20) >> 20;
            Unsafe.Add(ref dst, 2 * i) = a == -2048 ? SignalCodecs.InvalidSample : a;
            Unsafe.Add(ref dst, 2 * i + 1) = b == -2048 ? SignalCodecs.InvalidSample : b;
        }
        if ((values.Length & 1) != 0)
        {
            int b0 = bytes[3 * pairs];
            int b1 = bytes[3 * pairs + 1];
            values[^1] = SignalCodecs.Checked(((b0 | (b1 & 0x0F) << 8) << 20) >> 20, -2048);
        }
    }

    public void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        int pairs = values.Length / 2;
        for (int i = 0; i < pairs; i++)
        {
            int a = StoredValue.Of(values[2 * i], 12, 2 * i) & 0xFFF, b = StoredValue.Of(values[2 * i + 1], 12, 2 * i + 1) & 0xFFF;
            bytes[3 * i] = (byte)a;
            bytes[3 * i + 1] = (byte)((a >> 8) | ((b >> 8) << 4));
            bytes[3 * i + 2] = (byte)b;
        }
        if ((values.Length & 1) != 0)
        {
            int a = StoredValue.Of(values[^1], 12, values.Length - 1) & 0xFFF;
            bytes[3 * pairs] = (byte)a;
            bytes[3 * pairs + 1] = (byte)(a >> 8);
        }
    }
}
