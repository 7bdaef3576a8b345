namespace EcgBeats.Wfdb.Formats;

/// <summary>What a codec writes for one sample: the value itself, or the format's invalid marker for an invalid sample.</summary>
internal static class StoredValue
{
    /// <summary>
    /// The value to store in <paramref name="bits"/> two's-complement bits: <see cref="SignalCodecs.InvalidSample"/> becomes
    /// the marker (the most negative value); anything else must lie above the marker and within the bits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit.</exception>
    public static int Of(int value, int bits, int index)
    {
        int marker = bits >= 32 ? int.MinValue : -(1 << (bits - 1));
        int max = bits >= 32 ? int.MaxValue : (1 << (bits - 1)) - 1;
        if (value == SignalCodecs.InvalidSample) return marker;
        if (value <= marker || value > max)
            throw new ArgumentOutOfRangeException("values", value, $"sample {index} does not fit in {bits} bits ({marker + 1}..{max}; {marker} marks an invalid sample)");
        return value;
    }
}
