using System.Buffers.Binary;
using System.Globalization;

namespace EcgBeats.Wfdb;

/// <summary>
/// Reads annotation files as libwfdb does: the MIT format (<c>.atr</c> and the like, every code included: SKIP, NUM,
/// SUB, CHN and AUX; <c>num</c> and <c>chan</c> carry over from one annotation to the next, <c>subtyp</c> and aux do
/// not) and the AHA format (told apart by its first two bytes, as <c>annopen</c> does). The leading NOTE annotations at
/// time 0 are the file's table, hidden from the list: <c>## time resolution: F</c> (positions are then ticks at F per
/// second, converted to samples at the record's rate) and <c>code mnemonic [description]</c> rows naming codes.
/// </summary>
public static class AnnotationReader
{
    /// <summary>
    /// The most annotations one file may hold: 2^22 (4,194,304), 48 days of beats at 60 a minute, some 40 times a
    /// 24-hour Holter's. Each costs about 64 bytes in memory against 2 in an MIT file, so without a cap 10 MB of empty
    /// NOTE words took 550-810 MB and 100 MB exhausted memory (#25); at the cap a file takes about 300 MB.
    /// </summary>
    public const int MaxAnnotations = 1 << 22;

    /// <summary>The error for a file holding more than <see cref="MaxAnnotations"/>, at the byte where the next one starts.</summary>
    internal static WfdbFormatException TooMany(string source, long offset) =>
        WfdbFormatException.AtByte(source, offset, $"more than {MaxAnnotations:N0} annotations (48 days of beats at 60 a minute): EcgBeats reads at most that many from one file, so that a small file of empty annotations cannot exhaust memory");

    /// <summary>Reads an annotation file's annotations (see <see cref="Read"/>).</summary>
    /// <exception cref="WfdbFormatException">The file is malformed or ends mid-record; the message names the byte.</exception>
    public static IReadOnlyList<Annotation> ReadFile(string path, double? samplingFrequency = null) => Read(path, samplingFrequency).Annotations;

    /// <summary>
    /// Reads an annotation file. A file that declares a time resolution needs the record's sampling frequency to give
    /// positions in samples: <paramref name="samplingFrequency"/>, or else the header beside the file
    /// (<c>100.atr</c> -> <c>100.hea</c>).
    /// </summary>
    /// <exception cref="WfdbFormatException">The file is malformed, or declares a time resolution and no sampling frequency is known.</exception>
    public static AnnotationFile Read(string path, double? samplingFrequency = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such annotation file", path);
        Io.FileKinds.CheckInput(path);
        string header = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".hea");
        Func<double>? frequency = samplingFrequency is { } f ? () => f
            : File.Exists(header) ? () => HeaderParser.ReadFile(header).SamplingFrequency
            : null;
        return Parse(File.ReadAllBytes(path), path, frequency);
    }

    /// <summary>Parses the bytes of an annotation file; <paramref name="source"/> names it in errors.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="source">The file's name, for errors.</param>
    /// <param name="samplingFrequency">The record's frame rate, needed only when the file declares a time resolution.</param>
    public static IReadOnlyList<Annotation> Parse(ReadOnlySpan<byte> bytes, string source, double? samplingFrequency = null) =>
        Parse(bytes, source, samplingFrequency is { } f ? () => f : null).Annotations;

    private static AnnotationFile Parse(ReadOnlySpan<byte> bytes, string source, Func<double>? samplingFrequency)
    {
        bool aha = AhaAnnotations.Recognise(bytes);
        var raw = aha ? AhaAnnotations.Parse(bytes, source) : ParseMit(bytes, source);
        return ApplyTable(raw, source, samplingFrequency, aha);
    }

    /// <summary>The MIT format: 16-bit words, 6-bit code and 10-bit data (annot(5)).</summary>
    private static List<Annotation> ParseMit(ReadOnlySpan<byte> bytes, string source)
    {
        var result = new List<Annotation>();
        Annotation? current = null;
        long time = 0;
        int chan = 0, num = 0;
        int at = 0;
        while (true)
        {
            if (at + 2 > bytes.Length)
                throw WfdbFormatException.AtByte(source, at, at == bytes.Length
                    ? "the file ends without the end-of-file word (0x0000): truncated"
                    : "the file ends in the middle of a 2-byte word: truncated");
            int word = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
            int wordAt = at;
            at += 2;
            if (word == 0) break;
            int code = word >> 10, data = word & AnnotationFormat.DataMask;
            switch (code)
            {
                case AnnotationFormat.Skip:
                    if (at + 4 > bytes.Length)
                        throw WfdbFormatException.AtByte(source, at, "the file ends inside a SKIP interval: truncated");
                    // PDP-11 order: the high 16 bits first, each half little-endian.
                    int high = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
                    int low = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at + 2)..]);
                    time += (high << 16) | low;
                    at += 4;
                    break;
                // libwfdb keeps num and subtyp in signed chars and chan in an unsigned char: the low 8 of the 10 bits.
                case AnnotationFormat.Num:
                    num = (sbyte)data;
                    current = Modify(current, wordAt, "NUM") with { Number = num };
                    break;
                case AnnotationFormat.Chn:
                    chan = (byte)data;
                    current = Modify(current, wordAt, "CHN") with { Channel = chan };
                    break;
                case AnnotationFormat.Sub:
                    current = Modify(current, wordAt, "SUB") with { Subtype = (sbyte)data };
                    break;
                case AnnotationFormat.Aux:
                    int length = data & 0xFF;
                    int padded = (length + 1) & ~1;
                    if (at + padded > bytes.Length)
                        throw WfdbFormatException.AtByte(source, at, $"the file ends inside {length} bytes of aux data: truncated");
                    current = Modify(current, wordAt, "AUX") with { Aux = Annotation.AuxFromBytes(bytes.Slice(at, length)) };
                    at += padded;
                    break;
                default:
                    if (code > AnnotationCodes.MaxCode)
                        throw WfdbFormatException.AtByte(source, wordAt, $"code {code} is neither an annotation (0..49) nor a pseudo-annotation (59..63)");
                    if (current is not null) result.Add(current);
                    if (result.Count == MaxAnnotations) throw TooMany(source, wordAt);
                    time += data;
                    current = new Annotation(time, (byte)code, 0, chan, num);
                    break;
            }
        }
        if (current is not null) result.Add(current);
        return result;

        Annotation Modify(Annotation? annotation, int offset, string what) =>
            annotation ?? throw WfdbFormatException.AtByte(source, offset, $"{what} modifier before any annotation");
    }

    /// <summary>
    /// libwfdb's <c>get_ann_table</c>: the leading run of NOTE annotations at time 0 with subtype 0 is the file's table
    /// (hidden); the annotation after it is pushed back, which drops it when its code is 0 (the null annotation WFDB
    /// writes to end a table). Then positions convert from the declared time resolution, rounded half up.
    /// </summary>
    private static AnnotationFile ApplyTable(List<Annotation> raw, string source, Func<double>? samplingFrequency, bool aha)
    {
        double? resolution = null;
        var definitions = new Dictionary<int, AnnotationDefinition>();
        int k = 0;
        for (; k < raw.Count && raw[k] is { Sample: 0, Code: AnnotationCodes.Note, Subtype: 0 }; k++)
        {
            string? text = raw[k].AuxText;
            if (string.IsNullOrEmpty(text)) continue;
            if (text[0] == '#')
            {
                const string Resolution = "## time resolution: ";
                if (text.StartsWith(Resolution, StringComparison.Ordinal) && LeadingNumber(text[Resolution.Length..]) is > 0 and var f)
                    resolution = f;
                continue;
            }
            if (Definition(text) is { } definition) definitions[definition.Code] = definition;
        }
        if (k < raw.Count && raw[k].Code == 0) k++;
        // In place: a second list of every annotation would double the memory a long file takes.
        raw.RemoveRange(0, k);

        if (resolution is { } ticks)
        {
            double fs = samplingFrequency?.Invoke()
                ?? throw new WfdbFormatException(source, null,
                    $"the file declares a time resolution of {ticks.ToString(CultureInfo.InvariantCulture)} ticks per second; converting its positions to samples needs the record's header beside it (or its sampling frequency)");
            double scale = fs / ticks;
            for (int i = 0; i < raw.Count; i++) raw[i] = raw[i] with { Sample = RoundHalfUp(raw[i].Sample * scale) };
        }
        if (definitions.Count > 0)
            for (int i = 0; i < raw.Count; i++)
                if (definitions.TryGetValue(raw[i].Code, out var d)) raw[i] = raw[i] with { Mnemonic = d.Mnemonic };
        return new AnnotationFile(raw, resolution, definitions.Values.OrderBy(d => d.Code).ToList(), aha);
    }

    /// <summary>A table row "code mnemonic [description]", parsed as libwfdb does (strtol, then space-separated words); null if it is not one.</summary>
    private static AnnotationDefinition? Definition(string text)
    {
        int i = 0;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        int start = i;
        if (i < text.Length && text[i] is '+' or '-') i++;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (!int.TryParse(text[start..i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code) || code is < 0 or > AnnotationCodes.MaxCode)
            return null;
        while (i < text.Length && text[i] is not (' ' or '\t')) i++;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        int mnemonicStart = i;
        while (i < text.Length && text[i] is not (' ' or '\t')) i++;
        if (i == mnemonicStart) return null;
        string? description = i < text.Length ? text[(i + 1)..] : null;
        return new AnnotationDefinition(code, text[mnemonicStart..i], description);
    }

    /// <summary>The number at the start of the text, as C's sscanf("%lf") reads it.</summary>
    private static double? LeadingNumber(string text)
    {
        string t = text.TrimStart();
        int end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] is '.' or 'e' or 'E' or '+' or '-')) end++;
        for (; end > 0; end--)
            if (double.TryParse(t[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        return null;
    }

    /// <summary>libwfdb's <c>round_to_time</c>: nearest, halves away from zero for positive values, toward zero for negative.</summary>
    private static long RoundHalfUp(double x) => x >= 0 ? (long)Math.Floor(x + 0.5) : -(long)Math.Ceiling(-x - 0.5);
}
