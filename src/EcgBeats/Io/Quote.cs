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

    /// <summary><paramref name="text"/> made safe to print: control characters escaped, cut after <see cref="MaxLength"/>.</summary>
    public static string Short(string text)
    {
        var builder = new StringBuilder();
        foreach (char c in text)
        {
            if (builder.Length >= MaxLength)
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
