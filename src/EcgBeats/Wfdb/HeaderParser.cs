using EcgBeats.Io;
using EcgBeats.Wfdb.Formats;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EcgBeats.Wfdb;

/// <summary>Parses WFDB header text (header(5)): a record line, one line per signal, <c>#</c> comments.</summary>
public static partial class HeaderParser
{
    /// <summary>The WFDB default sampling frequency, used when a header omits it.</summary>
    public const double DefaultSamplingFrequency = 250;

    /// <summary>The WFDB default gain (ADC units per physical unit), used when a header gives 0 or none.</summary>
    public const double DefaultGain = 200;

    /// <summary>The most samples per frame a header may give one signal (WFDB's own limit is the memory a frame takes).</summary>
    public const int MaxSamplesPerFrame = 1 << 16;

    /// <summary>The largest skew, in frames, a header may give (WFDB keeps that many frames in memory to deskew).</summary>
    public const int MaxSkew = 1 << 20;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads and parses a header file.</summary>
    /// <exception cref="WfdbFormatException">The header is malformed; the message names the line.</exception>
    public static WfdbHeader ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such header file", path);
        Io.FileKinds.CheckInput(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses header text; <paramref name="source"/> names it in errors. CRLF and LF line ends are accepted.</summary>
    /// <exception cref="WfdbFormatException">The header is malformed; the message names the line.</exception>
    public static WfdbHeader Parse(string text, string source)
    {
        var comments = new List<string>();
        var lines = new List<(int Number, string Text)>();
        string[] raw = text.Split('\n');
        for (int i = 0; i < raw.Length; i++)
        {
            string line = raw[i].TrimEnd('\r');
            string trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (trimmed[0] == '#') { comments.Add(trimmed[1..].Trim()); continue; }
            lines.Add((i + 1, trimmed));
        }
        if (lines.Count == 0) throw new WfdbFormatException(source, null, "no record line (the file is empty or all comments)");

        var record = ParseRecordLine(lines[0].Text, source, lines[0].Number, out int signalCount, out int segmentCount);
        if (segmentCount > 0)
            return record with { Segments = ParseSegments(lines, segmentCount, source), Comments = comments, DeclaredSignalCount = signalCount };
        if (lines.Count - 1 < signalCount)
            throw WfdbFormatException.AtLine(source, lines[^1].Number,
                $"the record line announces {signalCount} signals but only {lines.Count - 1} signal lines follow");
        var signals = new List<SignalSpec>(signalCount);
        for (int s = 0; s < signalCount; s++)
            signals.Add(ParseSignalLine(lines[s + 1].Text, source, lines[s + 1].Number));
        if (lines.Count - 1 > signalCount)
            throw WfdbFormatException.AtLine(source, lines[signalCount + 1].Number,
                $"unexpected line after the {signalCount} signal lines (not a comment)");
        return record with { Signals = signals, Comments = comments, DeclaredSignalCount = signalCount };
    }

    /// <summary>Format 0: a null signal with no file (a layout header's signals, or a gap); every sample reads as invalid.</summary>
    public const int NullFormat = 0;

    /// <summary>The most segments a multi-segment header may list.</summary>
    public const int MaxSegments = 1 << 20;

    /// <summary>A multi-segment header's segment lines: <c>name length</c>, <c>~</c> naming a gap with no signals.</summary>
    private static List<SegmentSpec> ParseSegments(List<(int Number, string Text)> lines, int count, string source)
    {
        if (lines.Count - 1 < count)
            throw WfdbFormatException.AtLine(source, lines[^1].Number, $"the record line announces {count} segments but only {lines.Count - 1} segment lines follow");
        if (lines.Count - 1 > count)
            throw WfdbFormatException.AtLine(source, lines[count + 1].Number, $"unexpected line after the {count} segment lines (not a comment)");
        var segments = new List<SegmentSpec>(count);
        for (int i = 1; i <= count; i++)
        {
            var (number, text) = lines[i];
            string[] f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 2 || !long.TryParse(f[1], NumberStyles.None, Invariant, out long length))
                throw WfdbFormatException.AtLine(source, number, $"segment line '{Quote.Short(text)}': expected 'record length' (a record name, or ~ for a gap, and a whole number of samples)");
            if (f[0] != SegmentSpec.Gap && SafeNames.WhyNotRelative(f[0]) is { } why)
                throw WfdbFormatException.AtLine(source, number, $"segment '{Quote.Short(f[0])}' is not a record beside this header: {why}");
            if (length == 0 && i > 1)
                throw WfdbFormatException.AtLine(source, number, $"segment '{Quote.Short(f[0])}' has length 0; only the first segment (the layout header) may");
            segments.Add(new SegmentSpec(f[0], length));
        }
        return segments;
    }

    private static WfdbHeader ParseRecordLine(string line, string source, int number, out int signalCount, out int segmentCount)
    {
        string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string name = f[0];
        segmentCount = 0;
        if (name.IndexOf('/') is var slash and >= 0)
        {
            // name/segments: a multi-segment record.
            if (!int.TryParse(name[(slash + 1)..], NumberStyles.None, Invariant, out segmentCount) || segmentCount is < 1 or > MaxSegments)
                throw WfdbFormatException.AtLine(source, number, $"'{Quote.Short(name)}': a multi-segment record line is 'name/segments' with 1 to {MaxSegments} segments");
            name = name[..slash];
        }
        if (f.Length < 2 || !int.TryParse(f[1], NumberStyles.None, Invariant, out signalCount))
            throw WfdbFormatException.AtLine(source, number, $"record line '{Quote.Short(line)}': expected 'name nsig [fs [nsamp [time [date]]]]', the number of signals is missing or not a whole number");
        if (signalCount < 1)
            throw WfdbFormatException.AtLine(source, number, $"record line declares {signalCount} signals; EcgBeats needs at least 1");

        double fs = DefaultSamplingFrequency;
        if (f.Length > 2)
        {
            // fs[/counter_freq[(base_counter)]]: only the sampling frequency matters here.
            string fsText = f[2].Split('/')[0];
            if (!double.TryParse(fsText, NumberStyles.Float, Invariant, out fs) || !(fs > 0) || double.IsInfinity(fs))
                throw WfdbFormatException.AtLine(source, number, $"sampling frequency '{Quote.Short(f[2])}' is not a positive number");
        }
        long? samples = null;
        if (f.Length > 3)
        {
            if (!long.TryParse(f[3], NumberStyles.None, Invariant, out long n))
                throw WfdbFormatException.AtLine(source, number, $"number of samples '{Quote.Short(f[3])}' is not a whole number");
            samples = n == 0 ? null : n; // 0 means "unknown" (WFDB reads to the end of the file)
        }
        TimeSpan? time = null;
        if (f.Length > 4)
        {
            time = ParseTime(f[4]) ?? throw WfdbFormatException.AtLine(source, number, $"base time '{Quote.Short(f[4])}' is not HH:MM:SS");
        }
        DateOnly? date = null;
        if (f.Length > 5)
        {
            // MIT-BIH-era headers write 0/0/0 for "no date".
            if (f[5] != "0/0/0")
                date = DateOnly.TryParseExact(f[5], ["d/M/yyyy", "dd/MM/yyyy"], Invariant, DateTimeStyles.None, out var d)
                    ? d
                    : throw WfdbFormatException.AtLine(source, number, $"base date '{Quote.Short(f[5])}' is not DD/MM/YYYY");
        }
        return new WfdbHeader(name, fs, samples, time, date, [], []);
    }

    private static TimeSpan? ParseTime(string text)
    {
        // [[HH:]MM:]SS[.sss]
        string[] parts = text.Split(':');
        if (parts.Length > 3) return null;
        double seconds = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, Invariant, out double v) || v < 0) return null;
            seconds = seconds * 60 + v;
        }
        return seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [GeneratedRegex(@"^(?<fmt>\d+)(x(?<spf>\d+))?(:(?<skew>\d+))?(\+(?<off>\d+))?$")]
    private static partial Regex FormatField();

    [GeneratedRegex(@"^(?<gain>[-+0-9.eE]+)(\((?<base>-?\d+)\))?(/(?<units>\S+))?$")]
    private static partial Regex GainField();

    private static SignalSpec ParseSignalLine(string line, string source, int number)
    {
        // Fields are space-separated; the description (the 9th field) is the rest of the line.
        string[] f = line.Split((char[]?)null, 9, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 2)
            throw WfdbFormatException.AtLine(source, number, $"signal line '{Quote.Short(line)}': expected 'file format [gain [adcres [adczero [init [checksum [blocksize [description]]]]]]]'");
        string file = f[0];
        var format = FormatField().Match(f[1]);
        if (!format.Success)
            throw WfdbFormatException.AtLine(source, number, $"signal format '{Quote.Short(f[1])}' is not 'format[xframes][:skew][+offset]'");
        if (!int.TryParse(format.Groups["fmt"].Value, NumberStyles.None, Invariant, out int fmt))
            throw WfdbFormatException.AtLine(source, number, $"signal format '{Quote.Short(f[1])}' is not a format number");
        if (fmt != NullFormat && !SignalCodecs.IsSupported(fmt))
            throw WfdbFormatException.AtLine(source, number, $"signal format {fmt} is not supported (supported: {SignalCodecs.SupportedList})");
        int spf = 1, skew = 0;
        if (format.Groups["spf"].Success && (!int.TryParse(format.Groups["spf"].Value, NumberStyles.None, Invariant, out spf) || spf is < 1 or > MaxSamplesPerFrame))
            throw WfdbFormatException.AtLine(source, number, $"samples per frame '{Quote.Short(format.Groups["spf"].Value)}' is not a whole number from 1 to {MaxSamplesPerFrame}");
        if (format.Groups["skew"].Success && (!int.TryParse(format.Groups["skew"].Value, NumberStyles.None, Invariant, out skew) || skew > MaxSkew))
            throw WfdbFormatException.AtLine(source, number, $"skew '{Quote.Short(format.Groups["skew"].Value)}' is not a whole number of samples from 0 to {MaxSkew}");
        // The header gives the skew in samples of this signal; WFDB deskews by whole frames, rounding (readheader:
        // (int)(skew / spf + 0.5)), so 16x2:4 is 2 frames late, not 4 (#25: rdsamp's frames, checked against WFDB 10.7).
        skew = (int)((double)skew / spf + 0.5);
        long offset = 0;
        if (format.Groups["off"].Success && !long.TryParse(format.Groups["off"].Value, NumberStyles.None, Invariant, out offset))
            throw WfdbFormatException.AtLine(source, number, $"byte offset '{Quote.Short(format.Groups["off"].Value)}' is too large");

        double gain = DefaultGain;
        int? baseline = null;
        string units = "mV";
        if (f.Length > 2)
        {
            var g = GainField().Match(f[2]);
            if (!g.Success || !double.TryParse(g.Groups["gain"].Value, NumberStyles.Float, Invariant, out gain) || double.IsNaN(gain) || double.IsInfinity(gain))
                throw WfdbFormatException.AtLine(source, number, $"gain '{Quote.Short(f[2])}' is not 'gain[(baseline)][/units]'");
            if (gain == 0) gain = DefaultGain;
            if (g.Groups["base"].Success)
                baseline = int.TryParse(g.Groups["base"].Value, NumberStyles.AllowLeadingSign, Invariant, out int b)
                    ? b
                    : throw WfdbFormatException.AtLine(source, number, $"baseline '{Quote.Short(g.Groups["base"].Value)}' is not a 32-bit whole number");
            if (g.Groups["units"].Success) units = g.Groups["units"].Value;
        }
        int resolution = f.Length > 3 ? Integer(f[3], "ADC resolution") : fmt == NullFormat || SignalCodecs.IsCompressed(fmt) ? 12 : SignalCodecs.Get(fmt).DefaultResolution;
        int adcZero = f.Length > 4 ? Integer(f[4], "ADC zero") : 0;
        int initial = f.Length > 5 ? Integer(f[5], "initial value") : adcZero;
        short? checksum = f.Length > 6 ? (short)Integer(f[6], "checksum") : null;
        int blockSize = f.Length > 7 ? Integer(f[7], "block size") : 0;
        string description = f.Length > 8 ? f[8].Trim() : "";
        return new SignalSpec(file, fmt, offset, gain, baseline ?? adcZero, units, resolution, adcZero, initial, checksum, blockSize, description, spf, skew);

        int Integer(string text, string what) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out int v)
                ? v
                : throw WfdbFormatException.AtLine(source, number, $"{what} '{Quote.Short(text)}' is not a whole number");
    }
}
