using System.Text;

namespace EcgBeats.Io;

/// <summary>
/// Puts untrusted text into an error message: at most about 80 characters, control characters and a byte-order mark
/// shown by name, so a 10 MB line or a run of NUL bytes cannot flood the terminal or hide in it.
/// </summary>
public static class Quote
{
    /// <summary>The longest quote, in characters, before "... (N characters)".</summary>
    public const int MaxLength = 80;

    /// <summary>The longest text <see cref="Printable"/> shows whole (a header comment, a signal's description).</summary>
    public const int MaxPrintableLength = 4096;

    /// <summary><paramref name="text"/> made safe to print: control characters escaped, cut after <see cref="MaxLength"/>.</summary>
    public static string Short(string text) => Escaped(text, MaxLength);

    /// <summary>
    /// Text from a file or a server made safe for a terminal, whole: control characters (escape sequences, bells,
    /// carriage returns) shown by name as in <see cref="Short"/>, cut only after <see cref="MaxPrintableLength"/>
    /// characters. For what a command shows as content (<c>info</c>'s comments and descriptions, a CSV header).
    /// </summary>
    public static string Printable(string text)
    {
        foreach (char c in text)
            if (char.IsControl(c) || c == '\uFEFF') return Escaped(text, MaxPrintableLength);
        return text.Length <= MaxPrintableLength ? text : Escaped(text, MaxPrintableLength);
    }

    private static string Escaped(string text, int maxLength)
    {
        var builder = new StringBuilder();
        foreach (char c in text)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append($"... ({text.Length:N0} characters)");
                break;
            }
            builder.Append(c switch
            {
                '\uFEFF' => "<byte-order mark>",
                '\0' => "\\0",
                '\t' => "\\t",
                '\r' => "\\r",
                '\n' => "\\n",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>Bytes of a file (UTF-8) made safe to print: at most about <see cref="MaxLength"/> characters, with the field's size when cut.</summary>
    public static string Bytes(ReadOnlySpan<byte> bytes)
    {
        const int look = 4 * MaxLength;
        if (bytes.Length <= look) return Short(Encoding.UTF8.GetString(bytes));
        string head = Short(Encoding.UTF8.GetString(bytes[..look]));
        return (head.Length > MaxLength ? head[..head.LastIndexOf("... (", StringComparison.Ordinal)] : head) + $"... ({bytes.Length:N0} bytes)";
    }
}
