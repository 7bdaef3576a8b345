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
}
