using System.Globalization;
using System.Numerics;

namespace EcgBeats.Metrics.Ec57;

/// <summary>
/// C's <c>printf("%W.Pf", x)</c>, digit for digit: the exact binary value of x rounded to
/// <c>P</c> decimals, ties to even (glibc), right-aligned in <c>W</c> characters. .NET rounds exact ties away from
/// zero (12.125 -> "12.13", C: "12.12"), and WFDB's reports are compared with ours character by character.
/// </summary>
internal static class PrintfFixed
{
    public static string Format(double value, int width, int decimals)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "finite values only");
        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        // value = mantissa * 2^exponent exactly; scaled = value * 10^decimals = numerator / denominator.
        BigInteger numerator = mantissa * BigInteger.Pow(10, decimals), denominator = BigInteger.One;
        if (exponent >= 0) numerator <<= exponent; else denominator <<= -exponent;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        int comparison = (remainder * 2).CompareTo(denominator);
        if (comparison > 0 || (comparison == 0 && !quotient.IsEven)) quotient++;
        string digits = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        string text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        if (negative) text = "-" + text;
        return text.PadLeft(width);
    }
}
