using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Wfdb;

/// <summary>Format 212 and 16 against hand-worked bytes (signal(5): "212 ... 12-bit amplitudes ... in 3 bytes").</summary>
public sealed class SignalFormatTests
{
    [Theory]
    // a=1 (0x001), b=-1 (0xFFF): byte0 = 0x01, byte1 = a>>8 | (b>>8)<<4 = 0xF0, byte2 = 0xFF.
    [InlineData(new byte[] { 0x01, 0xF0, 0xFF }, new[] { 1, -1 })]
    // a=2047 (0x7FF), b=-2048 (0x800): 0xFF, 0x07 | 0x80, 0x00.
    [InlineData(new byte[] { 0xFF, 0x87, 0x00 }, new[] { 2047, -2048 })]
    // MIT-BIH 100.dat's first 3 bytes (e3 33 f3): MLII 995 (0x3E3), V5 1011 (0x3F3), the header's initial values.
    [InlineData(new byte[] { 0xE3, 0x33, 0xF3 }, new[] { 995, 1011 })]
    // An odd count: the last sample takes 2 bytes.
    [InlineData(new byte[] { 0x01, 0xF0, 0xFF, 0x00, 0x08 }, new[] { 1, -1, -2048 })]
    public void Format212DecodesHandWorkedBytes(byte[] bytes, int[] expected)
    {
        var decoded = new int[expected.Length];
        Format212.Decode(bytes, decoded);
        Assert.Equal(expected, decoded);

        var encoded = new byte[SignalFormats.ByteCount(212, expected.Length)];
        Format212.Encode(expected, encoded);
        Assert.Equal(bytes, encoded);
    }

    [Fact]
    public void Format212RoundTripsEveryTwelveBitValueInBothPositions()
    {
        int[] values = Enumerable.Range(-2048, 4096).ToArray();
        int[] shifted = [.. values[1..], values[0]];
        int[] samples = values.Zip(shifted).SelectMany(p => new[] { p.First, p.Second }).ToArray();
        var bytes = new byte[SignalFormats.ByteCount(212, samples.Length)];
        Format212.Encode(samples, bytes);
        var back = new int[samples.Length];
        Format212.Decode(bytes, back);
        Assert.Equal(samples, back);
    }

    [Fact]
    public void Format212RejectsValuesOutsideTwelveBits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Format212.Encode([2048, 0], new byte[3]));
    }

    [Fact]
    public void Format16DecodesLittleEndianTwosComplement()
    {
        byte[] bytes = [0x01, 0x00, 0xFF, 0xFF, 0x00, 0x80, 0xFF, 0x7F];
        var decoded = new int[4];
        Format16.Decode(bytes, decoded);
        Assert.Equal([1, -1, -32768, 32767], decoded);
        var encoded = new byte[8];
        Format16.Encode(decoded, encoded);
        Assert.Equal(bytes, encoded);
    }
}
