using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EcgBeats.Wfdb;

/// <summary>
/// WFDB format 212: pairs of 12-bit two's-complement samples in 3 bytes. For samples a, b:
/// byte 0 = a bits 0-7; byte 1 = a bits 8-11 (low nibble) and b bits 8-11 (high nibble);
/// byte 2 = b bits 0-7. Samples of all signals in one file are interleaved frame by frame.
/// Pure: bytes in, samples out.
/// </summary>
public static class Format212
{
    /// <summary>
    /// Decodes <c>samples.Length</c> consecutive values from <paramref name="bytes"/>, which starts at
    /// a 3-byte group boundary and holds at least <see cref="SignalFormats.ByteCount"/> bytes.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> bytes, Span<int> samples)
    {
        long needed = SignalFormats.ByteCount(SignalFormats.Format212, samples.Length);
        if (bytes.Length < needed)
            throw new ArgumentException($"{samples.Length} samples need {needed} bytes; got {bytes.Length}", nameof(bytes));
        int pairs = samples.Length / 2;
        ref byte src = ref MemoryMarshal.GetReference(bytes);
        ref int dst = ref MemoryMarshal.GetReference(samples);
        for (int i = 0; i < pairs; i++)
        {
            // Read the 3 bytes once; sign-extend each 12-bit value with a shift pair.
            int b0 = Unsafe.Add(ref src, 3 * i);
            int b1 = Unsafe.Add(ref src, 3 * i + 1);
            int b2 = Unsafe.Add(ref src, 3 * i + 2);
            Unsafe.Add(ref dst, 2 * i) = ((b0 | (b1 & 0x0F) << 8) << 20) >> 20;
            Unsafe.Add(ref dst, 2 * i + 1) = ((b2 | (b1 & 0xF0) << 4) << 20) >> 20;
        }
        if ((samples.Length & 1) != 0)
        {
            int b0 = bytes[3 * pairs];
            int b1 = bytes[3 * pairs + 1];
            samples[^1] = ((b0 | (b1 & 0x0F) << 8) << 20) >> 20;
        }
    }

    /// <summary>Encodes samples (each within -2048..2047) into <see cref="SignalFormats.ByteCount"/> bytes.</summary>
    public static void Encode(ReadOnlySpan<int> samples, Span<byte> bytes)
    {
        long needed = SignalFormats.ByteCount(SignalFormats.Format212, samples.Length);
        if (bytes.Length < needed)
            throw new ArgumentException($"{samples.Length} samples need {needed} bytes; got {bytes.Length}", nameof(bytes));
        for (int i = 0; i < samples.Length; i++)
            if (samples[i] < -2048 || samples[i] > 2047)
                throw new ArgumentOutOfRangeException(nameof(samples), samples[i], $"sample {i} does not fit in 12 bits");
        int pairs = samples.Length / 2;
        for (int i = 0; i < pairs; i++)
        {
            int a = samples[2 * i] & 0xFFF, b = samples[2 * i + 1] & 0xFFF;
            bytes[3 * i] = (byte)a;
            bytes[3 * i + 1] = (byte)((a >> 8) | ((b >> 8) << 4));
            bytes[3 * i + 2] = (byte)b;
        }
        if ((samples.Length & 1) != 0)
        {
            int a = samples[^1] & 0xFFF;
            bytes[3 * pairs] = (byte)a;
            bytes[3 * pairs + 1] = (byte)(a >> 8);
        }
    }
}
