using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Tests.Wfdb;

/// <summary>
/// Every codec against hand-worked bytes (signal(5) and WFDB 10.7's lib/signal.c r*/w* routines): decode gives the
/// values (the format's invalid marker as -32768, WFDB_INVALID_SAMPLE), encode gives the bytes back.
/// </summary>
public sealed class SignalFormatTests
{
    private const int Invalid = SignalCodecs.InvalidSample;

    public static TheoryData<int, byte[], int[]> HandWorked() => new()
    {
        // 212: a=1 (0x001), b=-1 (0xFFF): byte0 = 0x01, byte1 = a>>8 | (b>>8)<<4 = 0xF0, byte2 = 0xFF.
        { 212, [0x01, 0xF0, 0xFF], [1, -1] },
        // a=2047 (0x7FF), b=-2048 (0x800, the invalid marker): 0xFF, 0x07 | 0x80, 0x00.
        { 212, [0xFF, 0x87, 0x00], [2047, Invalid] },
        // MIT-BIH 100.dat's first 3 bytes (e3 33 f3): MLII 995 (0x3E3), V5 1011 (0x3F3), the header's initial values.
        { 212, [0xE3, 0x33, 0xF3], [995, 1011] },
        // An odd count: the last value takes 2 bytes.
        { 212, [0x01, 0xF0, 0xFF, 0x05, 0x08], [1, -1, -2043] },
        // 16: little-endian; -32768 is both the marker and WFDB_INVALID_SAMPLE.
        { 16, [0x01, 0x00, 0xFF, 0xFF, 0x00, 0x80, 0xFF, 0x7F], [1, -1, Invalid, 32767] },
        // 61: big-endian.
        { 61, [0x00, 0x01, 0xFF, 0xFE, 0x80, 0x00, 0x7F, 0xFF], [1, -2, Invalid, 32767] },
        // 80: offset binary, byte - 128; byte 0 is the marker.
        { 80, [0x81, 0x7F, 0x00, 0xFF], [1, -1, Invalid, 127] },
        // 160: offset binary little-endian words, word - 32768.
        { 160, [0x01, 0x80, 0xFF, 0x7F, 0x00, 0x00, 0xFF, 0xFF], [1, -1, Invalid, 32767] },
        // 24: little-endian, sign from bit 23; -8388608 (00 00 80) is the marker.
        { 24, [0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F], [1, -1, Invalid, 8388607] },
        // 32: little-endian; int.MinValue is the marker.
        { 32, [0x01, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x80], [1, -1, Invalid] },
        // 310: v0=1, v1=-1, v2=-3 (0x3FD): w0 = v0<<1 | low 5 bits of v2 (0x1D) << 11 = 0xE802;
        // w1 = (v1<<1 & 0x7FE) | high 5 bits of v2 (0x1F) << 11 = 0xFFFE.
        { 310, [0x02, 0xE8, 0xFE, 0xFF], [1, -1, -3] },
        // A partial group of one value takes 2 bytes: w0 = -512 (0x200, the marker) << 1 = 0x0400.
        { 310, [0x02, 0xE8, 0xFE, 0xFF, 0x00, 0x04], [1, -1, -3, Invalid] },
        // 311: one 32-bit word, v0 bits 0-9, v1 bits 10-19, v2 bits 20-29: 1 | 0x3FF<<10 | 0x3FD<<20 = 0x3FDFFC01.
        { 311, [0x01, 0xFC, 0xDF, 0x3F], [1, -1, -3] },
        // 8: signed first differences, as stored.
        { 8, [0x05, 0xFB, 0x80, 0x7F], [5, -5, -128, 127] },
    };

    [Theory]
    [MemberData(nameof(HandWorked))]
    public void EveryCodecDecodesAndEncodesHandWorkedBytes(int format, byte[] bytes, int[] values)
    {
        var codec = SignalCodecs.Get(format);
        Assert.Equal(bytes.Length, codec.ByteCount(values.Length));
        Assert.Equal(values.Length, codec.ValueCount(bytes.Length));
        var decoded = new int[values.Length];
        codec.Decode(bytes, decoded);
        Assert.Equal(values, decoded);

        var encoded = new byte[codec.WrittenByteCount(values.Length)];
        codec.Encode(values, encoded);
        Assert.Equal(bytes, encoded);
    }

    /// <summary>Format 311 reads two trailing values from 3 bytes but writes them as 4, as WFDB's f311 does (older readers need it).</summary>
    [Fact]
    public void Format311PadsTwoTrailingValuesToFourBytes()
    {
        var codec = SignalCodecs.Get(311);
        Assert.Equal(3, codec.ByteCount(2));
        Assert.Equal(4, codec.WrittenByteCount(2));
        var bytes = new byte[4];
        codec.Encode([1, -1], bytes);
        Assert.Equal(new byte[] { 0x01, 0xFC, 0x0F, 0x00 }, bytes);
        var back = new int[2];
        codec.Decode(bytes.AsSpan(0, 3), back);
        Assert.Equal([1, -1], back);
    }

    public static TheoryData<int> Formats() => new(SignalCodecs.Formats);

    /// <summary>Every value a format holds, at every position within a packed group, survives encode and decode.</summary>
    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryValueRoundTripsAtEveryPosition(int format)
    {
        var codec = SignalCodecs.Get(format);
        int bits = Math.Min(codec.Bits, 16);
        int min = codec.IsDifference ? -128 : -(1 << (bits - 1)) + 1, max = (1 << (bits - 1)) - 1;
        int[] values = Enumerable.Range(min, max - min + 1).ToArray();
        if (codec.Bits > 16) values = [.. values, (1 << (codec.Bits - 1)) - 1, -(1 << (codec.Bits - 1)) + 1];
        if (!codec.IsDifference) values = [.. values, Invalid];
        for (int shift = 0; shift < codec.GroupValues; shift++)
        {
            int[] shifted = [.. values[shift..], .. values[..shift]];
            var bytes = new byte[codec.WrittenByteCount(shifted.Length)];
            codec.Encode(shifted, bytes);
            var back = new int[shifted.Length];
            codec.Decode(bytes, back);
            Assert.Equal(shifted, back);
        }
    }

    [Theory]
    [InlineData(212, 2048)]
    [InlineData(212, -2048)]
    [InlineData(310, 512)]
    [InlineData(80, -128)]
    [InlineData(16, 32768)]
    [InlineData(8, 128)]
    public void ValuesOutsideTheFormatAreRefused(int format, int value)
    {
        var codec = SignalCodecs.Get(format);
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.Encode([value, 0, 0], new byte[16]));
    }

    [Fact]
    public void AFormatWithoutACodecIsNamedWithTheSupportedList()
    {
        var error = Assert.Throws<NotSupportedException>(() => SignalCodecs.Get(999));
        Assert.Equal("signal format 999 is not supported (supported: 8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524)", error.Message);
    }
}
