namespace EcgBeats.Wfdb.Formats;

/// <summary>WFDB format 80: 8-bit offset-binary values (stored byte minus 128). A stored 0 (-128) marks an invalid sample.</summary>
internal sealed class Format80() : ByteAlignedCodec(80, 8, 1, defaultResolution: 8)
{
    public override void Decode(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        Codec.Need(this, bytes, values.Length);
        for (int i = Widen.Int8(bytes, values, offsetBinary: true); i < values.Length; i++) values[i] = SignalCodecs.Checked(bytes[i] - 128, -128);
    }

    public override void Encode(ReadOnlySpan<int> values, Span<byte> bytes)
    {
        Codec.NeedWritten(this, bytes, values.Length);
        for (int i = 0; i < values.Length; i++) bytes[i] = (byte)(StoredValue.Of(values[i], 8, i) + 128);
    }
}
