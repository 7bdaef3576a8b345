using System.Globalization;

namespace EcgBeats.Cli;

/// <summary>Fractions shown as percentages, "98.52%", the same on every machine.</summary>
internal static class Percent
{
    public static string Of(double fraction, int decimals = 2) =>
        (fraction * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%";
}
