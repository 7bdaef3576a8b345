namespace EcgBeats.Wfdb;

/// <summary>The WFDB signal storage formats EcgBeats reads and writes.</summary>
public static class SignalFormats
{
    /// <summary>Two 12-bit two's-complement samples packed in 3 bytes (MIT-BIH).</summary>
    public const int Format212 = 212;

    /// <summary>16-bit two's-complement little-endian samples.</summary>
    public const int Format16 = 16;

    /// <summary>The formats, for error messages.</summary>
    public const string SupportedList = "212, 16";

    /// <summary>Whether <paramref name="format"/> can be read.</summary>
    public static bool IsSupported(int format) => format is Format212 or Format16;

    /// <summary>The ADC resolution a header implies when it omits it, in bits.</summary>
    public static int DefaultResolution(int format) => format == Format212 ? 12 : 16;

    /// <summary>The value WFDB writes for a missing sample in this format.</summary>
    public static int InvalidSample(int format) => format == Format212 ? -2048 : short.MinValue;

    /// <summary>Bytes that hold <paramref name="values"/> consecutive samples, from a group boundary.</summary>
    public static long ByteCount(int format, long values) => format switch
    {
        Format212 => (values * 3 + 1) / 2,
        Format16 => values * 2,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported format"),
    };
}
