using System.Buffers.Binary;

namespace EcgBeats.Wfdb;

/// <summary>WFDB format 16: 16-bit two's-complement little-endian samples. Pure: bytes in, samples out.</summary>
public static class Format16
{
    /// <summary>Decodes <c>samples.Length</c> values from <paramref name="bytes"/> (2 bytes each).</summary>
    public static void Decode(ReadOnlySpan<byte> bytes, Span<int> samples)
    {
        if (bytes.Length < 2L * samples.Length)
            throw new ArgumentException($"{samples.Length} samples need {2L * samples.Length} bytes; got {bytes.Length}", nameof(bytes));
        for (int i = 0; i < samples.Length; i++)
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(2 * i, 2));
    }

    /// <summary>Encodes samples (each within the 16-bit range) into 2 bytes each.</summary>
    public static void Encode(ReadOnlySpan<int> samples, Span<byte> bytes)
    {
        if (bytes.Length < 2L * samples.Length)
            throw new ArgumentException($"{samples.Length} samples need {2L * samples.Length} bytes; got {bytes.Length}", nameof(bytes));
        for (int i = 0; i < samples.Length; i++)
        {
            if (samples[i] < short.MinValue || samples[i] > short.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(samples), samples[i], $"sample {i} does not fit in 16 bits");
            BinaryPrimitives.WriteInt16LittleEndian(bytes.Slice(2 * i, 2), (short)samples[i]);
        }
    }
}
