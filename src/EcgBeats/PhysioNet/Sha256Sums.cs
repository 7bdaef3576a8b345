using System.Security.Cryptography;

namespace EcgBeats.PhysioNet;

/// <summary>A <c>SHA256SUMS</c> listing (<c>sha256sum</c> output: "HEX  NAME" per line).</summary>
public static class Sha256Sums
{
    /// <summary>Parses the listing into file name -> lower-case hex digest.</summary>
    /// <exception cref="FormatException">A line is not "64 hex digits, space(s), name"; the message names the line.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text, string source)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            int space = line.IndexOf(' ');
            string hex = space > 0 ? line[..space] : "";
            string name = space > 0 ? line[(space + 1)..].TrimStart(' ', '*') : "";
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit) || name.Length == 0)
                throw new FormatException($"{source}, line {i + 1}: expected '<64 hex digits>  <file name>', got '{line}'");
            sums[name] = hex.ToLowerInvariant();
        }
        return sums;
    }

    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
