using System.Globalization;
using System.Text;

namespace EcgBeats.Metrics.Ec57;

/// <summary>
/// WFDB <c>epicmp -A</c>'s AF report formats, character for character: the matrix format (one block per record) and the
/// line format (<c>-l</c>: a header once, then one line per record). The tests compare both with reports made by WFDB
/// 10.7 itself.
/// </summary>
public static class EpicmpReport
{
    /// <summary>The first two lines of an AF line-format report (written once, when the file is new).</summary>
    public const string LineHeader = "(AF detection)\nRecord  TPs   FN  TPp   FP  ESe E+P DSe D+P  Ref duration  Test duration \n";

    /// <summary>epicmp -A FILE: one record's block.</summary>
    public static string Standard(EpisodeComparison c, string reference, string test)
    {
        var s = new StringBuilder();
        s.Append("AF episode-by-episode comparison results for record ").Append(c.Record).Append('\n');
        s.Append("Reference annotator: ").Append(reference).Append('\n');
        s.Append("     Test annotator: ").Append(test).Append("\n\n");
        Count(s, "           Episode sensitivity", c.MatchedReference, c.MatchedReference + c.MissedReference);
        Count(s, " Episode positive predictivity", c.MatchedTest, c.MatchedTest + c.FalseTest);
        Time(s, "          Duration sensitivity", c.ReferenceOverlap, c.ReferenceDuration, c.SamplingFrequency);
        Time(s, "Duration positive predictivity", c.TestOverlap, c.TestDuration, c.SamplingFrequency);
        s.Append("Duration of reference episodes:  ").Append(ZeroOrTime(c.ReferenceDuration, c.SamplingFrequency));
        s.Append("\n     Duration of test episodes:  ").Append(ZeroOrTime(c.TestDuration, c.SamplingFrequency)).Append('\n');
        return s.ToString();
    }

    /// <summary>epicmp -l -A FILE: one record's line.</summary>
    public static string Line(EpisodeComparison c)
    {
        var s = new StringBuilder();
        s.Append(c.Record.PadLeft(6)).Append(' ').Append(D(c.MatchedReference)).Append(' ').Append(D(c.MissedReference)).Append(' ')
            .Append(D(c.MatchedTest)).Append(' ').Append(D(c.FalseTest)).Append(' ');
        foreach (var (a, b) in new[] { (c.MatchedReference, c.MatchedReference + c.MissedReference), (c.MatchedTest, c.MatchedTest + c.FalseTest),
                     (c.ReferenceOverlap, c.ReferenceDuration), (c.TestOverlap, c.TestDuration) })
            s.Append(b <= 0 ? "   -" : " " + D(Percent(a, b), 3));
        s.Append("  ").Append(ZeroOrTime(c.ReferenceDuration, c.SamplingFrequency)).Append(' ');
        s.Append("  ").Append(ZeroOrTime(c.TestDuration, c.SamplingFrequency)).Append('\n');
        return s.ToString();
    }

    private static string D(long value, int width = 4) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width);

    /// <summary>epicmp's rounding: <c>(int)((100.*a)/b + 0.5)</c>.</summary>
    private static long Percent(long a, long b) => (int)(100.0 * a / b + 0.5);

    private static void Count(StringBuilder s, string label, long a, long b)
    {
        s.Append(label).Append(':').Append(b <= 0 ? "   - " : " " + D(Percent(a, b), 3) + "%");
        s.Append(" (").Append(a.ToString(CultureInfo.InvariantCulture)).Append('/').Append(b.ToString(CultureInfo.InvariantCulture)).Append(")\n");
    }

    private static void Time(StringBuilder s, string label, long a, long b, double frequency)
    {
        s.Append(label).Append(':').Append(b <= 0 ? "   - " : " " + D(Percent(a, b), 3) + "%");
        s.Append(" (").Append(ZeroOrTime(a, frequency).TrimStart(' ')).Append('/').Append(ZeroOrTime(b, frequency).TrimStart(' ')).Append(")\n");
    }

    /// <summary>epicmp's zmstimstr: "0.000" right-aligned in 12 for zero, else WFDB's mstimstr.</summary>
    private static string ZeroOrTime(long samples, double frequency) => samples == 0 ? "       0.000" : MsTimeString(samples, frequency);

    /// <summary>
    /// WFDB's <c>mstimstr</c> for an interval (no base time): <c>"%2d:%02d:%02d.%03d"</c> from an hour up, else
    /// <c>"   %2d:%02d.%03d"</c>; milliseconds rounded half up, 1000 carried into the seconds.
    /// </summary>
    public static string MsTimeString(long samples, double frequency)
    {
        long t = Math.Abs(samples);
        long seconds = (long)(t / frequency);
        int milliseconds = (int)((t - seconds * frequency) * 1000 / frequency + 0.5);
        if (milliseconds == 1000) { milliseconds = 0; seconds++; }
        long s = seconds % 60, minutes = seconds / 60 % 60, hours = seconds / 3600;
        string ms = milliseconds.ToString("000", CultureInfo.InvariantCulture);
        return hours > 0
            ? $"{hours.ToString(CultureInfo.InvariantCulture).PadLeft(2)}:{minutes:00}:{s:00}.{ms}"
            : $"   {minutes.ToString(CultureInfo.InvariantCulture).PadLeft(2)}:{s:00}.{ms}";
    }
}
