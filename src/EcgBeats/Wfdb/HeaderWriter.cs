using System.Globalization;
using System.Text;

namespace EcgBeats.Wfdb;

/// <summary>Formats a <see cref="WfdbHeader"/> as header(5) text that <see cref="HeaderParser"/> and the WFDB tools read.</summary>
public static class HeaderWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The header's text, LF line ends.</summary>
    public static string Format(WfdbHeader header)
    {
        var text = new StringBuilder();
        text.Append(header.RecordName).Append(' ').Append(header.SignalCount)
            .Append(' ').Append(header.SamplingFrequency.ToString("R", Invariant));
        if (header.SampleCount is { } n) text.Append(' ').Append(n);
        if (header.SampleCount is not null && header.BaseTime is { } t)
        {
            text.Append(' ').Append(((int)t.TotalHours).ToString(Invariant)).Append(t.ToString(@"\:mm\:ss", Invariant));
            if (t.Milliseconds != 0) text.Append('.').Append(t.Milliseconds.ToString("000", Invariant));
            if (header.BaseDate is { } d) text.Append(' ').Append(d.ToString("dd/MM/yyyy", Invariant));
        }
        text.Append('\n');
        foreach (var s in header.Signals)
        {
            text.Append(s.FileName).Append(' ').Append(s.FormatField);
            text.Append(' ').Append(s.Gain.ToString("R", Invariant));
            if (s.Baseline != s.AdcZero) text.Append('(').Append(s.Baseline).Append(')');
            if (s.Units != "mV") text.Append('/').Append(s.Units);
            text.Append(' ').Append(s.AdcResolution).Append(' ').Append(s.AdcZero).Append(' ').Append(s.InitialValue);
            text.Append(' ').Append(s.Checksum ?? 0).Append(' ').Append(s.BlockSize);
            if (s.Description.Length > 0) text.Append(' ').Append(s.Description);
            text.Append('\n');
        }
        foreach (string comment in header.Comments) text.Append("# ").Append(comment).Append('\n');
        return text.ToString();
    }
}
