namespace EcgBeats.Wfdb.Formats;

/// <summary>A format whose every value takes the same whole number of bytes: its group is one value.</summary>
/// <param name="format">The format number.</param>
/// <param name="bits">Bits per stored value.</param>
/// <param name="bytesPerValue">Bytes per stored value.</param>
/// <param name="defaultResolution">The ADC resolution WFDB assumes when a header omits it (its WFDB_DEFRES is 12).</param>
internal abstract class ByteAlignedCodec(int format, int bits, int bytesPerValue, int defaultResolution = 12) : ISignalCodec
{
    public int Format => format;
    public int Bits => bits;
    public int DefaultResolution => defaultResolution;
    public int GroupValues => 1;
    public int GroupBytes => bytesPerValue;
    public virtual bool IsDifference => false;
    public long ByteCount(long values) => values * bytesPerValue;
    public long ValueCount(long bytes) => bytes / bytesPerValue;
    public abstract void Decode(ReadOnlySpan<byte> bytes, Span<int> values);
    public abstract void Encode(ReadOnlySpan<int> values, Span<byte> bytes);
}
