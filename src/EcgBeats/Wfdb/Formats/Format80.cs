namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 80: 8-bit offset-binary values (stored byte minus 128). A stored 0 (-128) marks an invalid sample.</summary>
internal sealed class Format80 : ISignalCodec
{
    public int Format => 80;
    public int Bits => 8;
    public int DefaultResolution => 8;
    public int GroupValues => 1;
    public int GroupBytes => 1;
    public bool IsDifference => false;
    public long ByteCount(long values) => values;
    public long ValueCount(long bytes) => bytes;

    public void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int8(bytes, values, offsetBinary: true); i < values.Length; i++) values[i] = SignalCodecs.Checked(bytes[i] - 128, -128);
    }

    public void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++) bytes[i] = (byte)(StoredValue.Of(values[i], 8, i) + 128);
    }
}
