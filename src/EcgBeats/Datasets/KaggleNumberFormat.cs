using System.Buffers.Text;
using System.Globalization;
using System.Numerics;

namespace EcgBeats.Datasets;

/// <summary>
/// Numbers as the Kaggle MIT-BIH CSVs write them: a float32 value printed as a double with
/// NumPy's <c>%.18e</c> (e.g. <c>9.779411554336547852e-01</c>), and back.
/// </summary>
internal static class KaggleNumberFormat
{
    /// <summary>The longest text <see cref="Format"/> writes.</summary>
    public const int MaxLength = 32;

    private static readonly UInt128[] PowersOfTen = Enumerable.Range(0, 39).Select(p => Pow10(p)).ToArray();
    private static readonly UInt128 Lowest19Digits = Pow10(18), Beyond19Digits = Pow10(19);

    /// <summary>
    /// Writes <c>%.18e</c> of (double)<paramref name="value"/>: 19 significant digits, correctly rounded
    /// (ties to even, as C's printf and Python do), exponent with at least two digits.
    /// </summary>
    public static int Format(float value, Span<byte> destination)
    {
        double d = value;
        if (d == 0) return Write(destination, double.IsNegative(d), 0, 0);
        double magnitude = Math.Abs(d);
        // Exact path: a float32 has at most 24 significant bits, so |d|·10^p with p <= 30 fits in 128 bits.
        if (magnitude >= 1e-12 && magnitude < 1e7)
        {
            long bits = BitConverter.DoubleToInt64Bits(magnitude);
            ulong mantissa = ((ulong)bits & ((1UL << 52) - 1)) | (1UL << 52);
            int shift = 1075 - (int)((bits >> 52) & 0x7FF); // magnitude = mantissa / 2^shift
            int zeros = BitOperations.TrailingZeroCount(mantissa);
            mantissa >>= zeros;
            shift -= zeros;
            int exponent = (int)Math.Floor(Math.Log10(magnitude));
            for (int attempt = 0; attempt < 3; attempt++)
            {
                int p = 18 - exponent;
                if (p < 0 || p >= PowersOfTen.Length) break;
                UInt128 digits = Scale(mantissa, PowersOfTen[p], shift);
                if (digits >= Beyond19Digits) { exponent++; continue; }
                if (digits < Lowest19Digits) { exponent--; continue; }
                return Write(destination, d < 0, digits, exponent);
            }
        }
        // Anything else (never produced by normalised beats): the runtime's correctly rounded formatter.
        string text = d.ToString("E18", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        int exp = int.Parse(text.AsSpan(e + 1), CultureInfo.InvariantCulture);
        string result = text[..e] + (exp < 0 ? "e-" : "e+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        for (int i = 0; i < result.Length; i++) destination[i] = (byte)result[i];
        return result.Length;
    }

    /// <summary>round(mantissa·power / 2^shift), ties to even.</summary>
    private static UInt128 Scale(ulong mantissa, UInt128 power, int shift)
    {
        UInt128 product = mantissa * power;
        if (shift <= 0) return product << -shift;
        UInt128 quotient = product >> shift;
        UInt128 remainder = product - (quotient << shift);
        UInt128 half = UInt128.One << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & UInt128.One) == UInt128.One)) quotient++;
        return quotient;
    }

    private static int Write(Span<byte> destination, bool negative, UInt128 digits, int exponent)
    {
        int at = 0;
        if (negative) destination[at++] = (byte)'-';
        Span<byte> d = stackalloc byte[19];
        for (int i = 18; i >= 0; i--) { d[i] = (byte)('0' + (int)(digits % 10)); digits /= 10; }
        destination[at++] = d[0];
        destination[at++] = (byte)'.';
        d[1..].CopyTo(destination[at..]);
        at += 18;
        destination[at++] = (byte)'e';
        destination[at++] = (byte)(exponent < 0 ? '-' : '+');
        int e = Math.Abs(exponent);
        if (e >= 100) { destination[at++] = (byte)('0' + e / 100); e %= 100; }
        destination[at++] = (byte)('0' + e / 10);
        destination[at++] = (byte)('0' + e % 10);
        return at;
    }

    /// <summary>
    /// Parses a number. The Kaggle form (19 significant digits, 2-digit exponent) takes a fast
    /// path that yields the same float32 as a full parse; anything else goes to the runtime's parser.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out float value)
    {
        // d.dddddddddddddddddde±dd : 24 bytes, optionally with a leading '-'.
        ReadOnlySpan<byte> t = text;
        bool negative = t.Length > 0 && t[0] == (byte)'-';
        if (negative) t = t[1..];
        if (t.Length == 24 && t[1] == (byte)'.' && (t[20] | 0x20) == (byte)'e' && (t[21] == (byte)'-' || t[21] == (byte)'+'))
        {
            ulong digits = 0;
            bool ok = IsDigit(t[0]);
            digits = (ulong)(t[0] - '0');
            for (int i = 2; i < 20 && ok; i++)
            {
                ok = IsDigit(t[i]);
                digits = digits * 10 + (ulong)(t[i] - '0');
            }
            if (ok && IsDigit(t[22]) && IsDigit(t[23]))
            {
                int exponent = (t[22] - '0') * 10 + (t[23] - '0');
                if (t[21] == (byte)'-') exponent = -exponent;
                // digits·10^(exponent-18) to within 2 ulp of a double; the value is a printed float32,
                // so it lies far from any float32 rounding boundary and the float cast is exact.
                int p = exponent - 18;
                double scaled = p >= 0 ? digits * Math.Pow(10, p) : digits / Math.Pow(10, -p);
                value = (float)(negative ? -scaled : scaled);
                return true;
            }
        }
        if (Utf8Parser.TryParse(text, out double parsed, out int consumed, 'E') && consumed == text.Length
            || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed))
        {
            value = (float)parsed;
            return double.IsFinite(parsed) && float.IsFinite(value);
        }
        value = 0;
        return false;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static UInt128 Pow10(int p)
    {
        UInt128 result = 1;
        for (int i = 0; i < p; i++) result *= 10;
        return result;
    }
}
