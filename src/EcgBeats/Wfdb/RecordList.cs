using System.IO.Enumeration;
using EcgBeats.Io;
using EcgBeats.Wfdb;

namespace EcgBeats.Wfdb;

/// <summary>
/// The records a user names for annotation, expanded: a record (<c>100</c>, <c>mitdb/100</c>, <c>mitdb/100.hea</c>),
/// a folder (its <c>RECORDS</c> list, else every <c>.hea</c> in it), a <c>RECORDS</c> file, or a file-name pattern
/// (<c>archive/p0*.hea</c>, <c>*</c> and <c>?</c> in the last part). The result is one ordered list without repeats,
/// the same on every machine that sees the same files: what <see cref="Annotators.Shard"/> splits.
/// </summary>
public static class RecordList
{
    /// <summary>Record paths (without extension) for <paramref name="inputs"/>, in order, each once.</summary>
    /// <exception cref="InvalidInputException">A RECORDS line is not a record name.</exception>
    /// <exception cref="FileNotFoundException">A pattern or folder matches no record.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs, string? dataDirectory)
    {
        var records = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string input in inputs)
            foreach (string record in ExpandOne(input, dataDirectory))
                if (seen.Add(Path.GetFullPath(record))) records.Add(record);
        return records;
    }

    private static IEnumerable<string> ExpandOne(string input, string? dataDirectory)
    {
        string name = Path.GetFileName(input.TrimEnd('/', '\\'));
        if (name.Contains('*') || name.Contains('?'))
        {
            string folder = Path.GetDirectoryName(input) is { Length: > 0 } d ? d : ".";
            string pattern = name.EndsWith(".hea", StringComparison.OrdinalIgnoreCase) ? name : name + ".hea";
            var matches = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.hea").Where(f => FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(f)))
                    .Select(f => f[..^4]).Order(StringComparer.Ordinal).ToList()
                : [];
            if (matches.Count == 0) throw new FileNotFoundException($"{input}: no record header matches this pattern");
            return matches;
        }
        if (Directory.Exists(input)) return InFolder(input);
        if (name == "RECORDS" && File.Exists(input)) return FromList(input);
        return [RecordPath.Resolve(input, dataDirectory)];
    }

    private static IEnumerable<string> InFolder(string folder)
    {
        string list = Path.Combine(folder, "RECORDS");
        if (File.Exists(list)) return FromList(list);
        var headers = Directory.EnumerateFiles(folder, "*.hea").Select(f => f[..^4]).Order(StringComparer.Ordinal).ToList();
        if (headers.Count == 0) throw new FileNotFoundException($"{folder}: holds no RECORDS list and no .hea files");
        return headers;
    }

    private static IEnumerable<string> FromList(string list)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(list))!;
        return ReadNames(list).Select(name => Path.Combine(folder, name));
    }

    /// <summary>
    /// The record names of a <c>RECORDS</c> file, each checked: PhysioNet's lists may name records in subfolders
    /// (<c>p00/p000020/...</c>), but every part must be a record name, so no line leads out of the list's folder.
    /// Blank lines and <c>#</c> comments are skipped.
    /// </summary>
    /// <exception cref="InvalidInputException">A line is not a record name (the line is named).</exception>
    public static IReadOnlyList<string> ReadNames(string list)
    {
        string[] lines = File.ReadAllLines(list);
        var names = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            string? why = SafeNames.WhyNotRelative(line) ?? line.Split('/').Select(SafeNames.WhyNotRecordName).FirstOrDefault(w => w is not null);
            if (why is not null)
                throw new InvalidInputException($"{list}, line {i + 1}: '{Quote.Short(line)}' is not a record name ({why})");
            names.Add(line);
        }
        return names;
    }
}
