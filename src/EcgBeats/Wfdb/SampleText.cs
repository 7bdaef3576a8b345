using System.Globalization;

namespace EcgBeats.Wfdb;

/// <summary>
/// A signal's samples in physical units as text, character for character what .NET's shortest round-trip format
/// (<c>"R"</c>) writes for <c>(adc - baseline) / gain</c>, in integer arithmetic where that is provably the same.
/// </summary>
/// <remarks>
/// Why: <c>samples</c> prints millions of values, and .NET's shortest round-trip search costs about as much as the rest of
/// the command (#26 asks for WFDB's <c>rdsamp</c> speed). When the gain divides 10^6 (200, 1000, 400, ... as nearly every
/// PhysioNet header has it), the value is a decimal with at most six decimals; such a decimal of at most 15 significant
/// digits is the shortest string that reads back as the double nearest it (two such decimals never share a double), and
/// one division of two integers gives that nearest double. So the decimal, printed in fixed notation, is what "R"
/// prints, wherever "R" uses fixed notation (10^-5 &lt;= |value| &lt; 10^15). Other gains and values fall back to "R".
/// </remarks>
public sealed class PhysicalText
{
    private const long Micro = 1_000_000;
    private readonly int _baseline;
    private readonly double _gain;
    private readonly long _microPerUnit; // 10^6 / gain when the gain divides 10^6, else 0

    /// <summary>For a signal with <paramref name="baseline"/> (ADC units) and <paramref name="gain"/> (ADC units per physical unit).</summary>
    public PhysicalText(int baseline, double gain)
    {
        _baseline = baseline;
        _gain = gain;
        _microPerUnit = gain >= 1 && gain <= Micro && gain == Math.Floor(gain) && Micro % (long)gain == 0 ? Micro / (long)gain : 0;
    }

    /// <summary>Writes <c>(adc - baseline) / gain</c> as <c>"R"</c> does; false when <paramref name="destination"/> is too short.</summary>
    public bool TryFormat(int adc, Span<char> destination, out int written)
    {
        long difference = (long)adc - _baseline;
        long micro = difference * _microPerUnit; // |difference| < 2^33, times at most 10^6: no overflow
        long magnitude = Math.Abs(micro);
        // Fixed notation for 10^-5 <= |value| < 10^15, at most 15 significant digits: from 10^-4 (100 micro) to 10^9.
        if (_microPerUnit == 0 || (micro != 0 && (magnitude < 100 || magnitude >= 1_000_000_000 * Micro)))
            return (difference / _gain).TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        return FixedPoint.TryWrite(micro < 0, magnitude / Micro, magnitude % Micro, destination, out written);
    }
}

/// <summary>
/// Sample times in seconds as text, character for character what .NET's custom format <c>"0.######"</c> writes for
/// <c>sample / frequency</c>, in integer arithmetic where that is provably the same.
/// </summary>
/// <remarks>
/// .NET writes a custom format from the double's 15 significant digits, rounded half up at the sixth decimal. With an
/// integer frequency f the exact time's millionths have a fraction that is a multiple of 1/f, so unless it is exactly
/// one half it is at least 1/(2f) from it; the double and its 15 digits are off by less than 1.3 * 10^(D-15) seconds,
/// D the digits of its whole seconds. While f * 10^D &lt;= 10^8 that is about a quarter of the distance at most, so rounding the
/// exact fraction half up decides as .NET does (an exact half is an exact half in the 15 digits too). Other frequencies
/// and times fall back to the custom format.
/// </remarks>
public sealed class TimeText
{
    private const long Micro = 1_000_000;
    private readonly double _frequency;
    private readonly long _hertz; // the frequency when it is a whole number of Hz up to 10^6, else 0

    /// <summary>For samples at <paramref name="frequency"/> Hz.</summary>
    public TimeText(double frequency)
    {
        _frequency = frequency;
        _hertz = frequency >= 1 && frequency <= Micro && frequency == Math.Floor(frequency) ? (long)frequency : 0;
    }

    /// <summary>Writes <c>sample / frequency</c> as <c>"0.######"</c> does; false when <paramref name="destination"/> is too short.</summary>
    public bool TryFormat(long sample, Span<char> destination, out int written)
    {
        if (_hertz != 0 && sample >= 0)
        {
            long seconds = sample / _hertz, remainder = sample % _hertz;
            if (seconds < 100_000_000 && _hertz * PowerOfTenAbove(seconds) <= 100_000_000)
            {
                long micro = (remainder * 2 * Micro + _hertz) / (2 * _hertz); // the millionths, rounded half up
                if (micro == Micro) { seconds++; micro = 0; }
                return FixedPoint.TryWrite(false, seconds, micro, destination, out written);
            }
        }
        return (sample / _frequency).TryFormat(destination, out written, "0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>10^D, D the number of digits of <paramref name="seconds"/> (1 for 0: no digits before the point).</summary>
    private static long PowerOfTenAbove(long seconds)
    {
        long power = 1;
        while (power <= seconds) power *= 10;
        return power;
    }
}

/// <summary>A decimal from its whole part and millionths: trailing zeros dropped, no point when there is no fraction.</summary>
internal static class FixedPoint
{
    public static bool TryWrite(bool negative, long whole, long millionths, Span<char> destination, out int written)
    {
        written = 0;
        int at = 0;
        if (negative)
        {
            if (destination.Length < 1) return false;
            destination[at++] = '-';
        }
        if (!whole.TryFormat(destination[at..], out int digits, default, CultureInfo.InvariantCulture)) return false;
        at += digits;
        if (millionths != 0)
        {
            int decimals = 6;
            while (millionths % 10 == 0) { millionths /= 10; decimals--; }
            if (destination.Length < at + 1 + decimals) return false;
            destination[at++] = '.';
            for (int d = decimals - 1; d >= 0; d--) { destination[at + d] = (char)('0' + millionths % 10); millionths /= 10; }
            at += decimals;
        }
        written = at;
        return true;
    }
}
