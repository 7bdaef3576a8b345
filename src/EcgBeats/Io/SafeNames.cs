namespace EcgBeats.Io;

/// <summary>
/// Names that come from outside (a server's <c>RECORDS</c> list, a header's signal file, a user's record name) and
/// become paths. A plain name can only land in the folder it is joined to: no separators, no <c>..</c>, no root or
/// drive, no control characters. This is the one place that rule is written.
/// </summary>
public static class SafeNames
{
    /// <summary>Why <paramref name="name"/> is not a plain file name, or null when it is one.</summary>
    public static string? WhyNotPlain(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Length > 255) return "it is longer than 255 characters";
        if (name is "." or "..") return "it names a folder ('.' or '..'), not a file";
        foreach (char c in name)
        {
            if (char.IsControl(c)) return $"it holds a control character (U+{(int)c:X4})";
            if (c is '/' or '\\') return "it holds a path separator";
        }
        if (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])) return "it starts with a drive letter";
        return null;
    }

    /// <summary>True when <paramref name="name"/> is a plain file name (see <see cref="WhyNotPlain"/>).</summary>
    public static bool IsPlain(string name) => WhyNotPlain(name) is null;

    /// <summary>
    /// A WFDB record name as WFDB writes one (<c>wrsamp -o</c>): ASCII letters, digits and <c>_ - .</c>, not starting
    /// with a dot; null when valid, else why not. Headers with other names are refused by WFDB's own tools.
    /// </summary>
    public static string? WhyNotRecordName(string name)
    {
        if (WhyNotPlain(name) is { } why) return why;
        if (name[0] == '.') return "it starts with '.'";
        foreach (char c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
                return $"'{c}' is not allowed (a record name is ASCII letters, digits, '_', '-' and '.')";
        return null;
    }

    /// <summary>
    /// A relative path from a server's checksum list (PhysioNet's lists name files in subfolders, e.g.
    /// <c>x_mitdb/x_108.hea</c>): null when every part is a plain name, else why not.
    /// </summary>
    public static string? WhyNotRelative(string path)
    {
        if (path.Length == 0) return "it is empty";
        if (path[0] is '/' or '\\') return "it is an absolute path";
        foreach (string part in path.Split('/'))
            if (WhyNotPlain(part) is { } why) return why;
        return null;
    }

    /// <summary>An annotator name (a WFDB annotation file's extension): ASCII letters, digits and <c>_</c>; null when valid.</summary>
    public static string? WhyNotAnnotatorName(string name) =>
        name.Length == 0 ? "it is empty"
        : name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? null
        : "an annotator name is ASCII letters, digits and '_'";
}
