namespace EcgBeats.Wfdb;

/// <summary>Turns what a user types for a record (<c>100</c>, <c>data/100</c>, <c>data/100.hea</c>) into file paths.</summary>
public static class RecordPath
{
    /// <summary>
    /// The record's path without extension. A bare name (no folder) is looked up in
    /// <paramref name="dataDirectory"/> when it is not in the current folder.
    /// </summary>
    public static string Resolve(string record, string? dataDirectory = null)
    {
        string path = record.EndsWith(".hea", StringComparison.OrdinalIgnoreCase) ? record[..^4] : record;
        if (File.Exists(path + ".hea") || dataDirectory is null || Path.IsPathRooted(path) || path.Contains(Path.DirectorySeparatorChar))
            return path;
        return Path.Combine(dataDirectory, path);
    }

    /// <summary>The header file of a record path.</summary>
    public static string Header(string recordPath) => recordPath + ".hea";

    /// <summary>An annotation file of a record path, e.g. extension <c>atr</c>.</summary>
    public static string Annotations(string recordPath, string extension) => recordPath + "." + extension;

    /// <summary>The record's name (the file name without folder and extension).</summary>
    public static string Name(string recordPath) => Path.GetFileName(recordPath);
}
