using System.Globalization;
using System.Text;
using EcgBeats.Beats;
using EcgBeats.Io;

namespace EcgBeats.Datasets;

/// <summary>
/// The sidecar of a Kaggle-layout file: <c>row,record,sample,symbol</c>, one line per beat, rows
/// counted from 1 as the lines of the CSV it describes.
/// </summary>
public static class ProvenanceCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "row,record,sample,symbol";

    /// <summary>Writes the origins of <paramref name="beats"/>, atomically; returns the SHA-256 (hex) of what was written.</summary>
    public static string Write(string path, LabelledBeats beats)
    {
        if (beats.Origins is null || beats.Symbols is null) throw new ArgumentException("these beats carry no provenance", nameof(beats));
        var text = new StringBuilder(beats.Count * 24);
        text.Append(Header).Append('\n');
        for (int i = 0; i < beats.Count; i++)
        {
            var o = beats.Origins[i];
            text.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(o.Record).Append(',')
                .Append(o.Sample.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quote(beats.Symbols[i])).Append('\n');
        }
        byte[] bytes = new UTF8Encoding(false).GetBytes(text.ToString());
        AtomicFile.WriteAllBytes(path, bytes);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
    }

    /// <summary>Reads a sidecar back: each beat's origin and reference symbol.</summary>
    /// <exception cref="InvalidInputException">A line is malformed; the message names it.</exception>
    public static (BeatOrigin[] Origins, string[] Symbols) Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) throw new InvalidInputException($"{path}, line 1: expected the header '{Header}'");
        var origins = new BeatOrigin[lines.Length - 1];
        var symbols = new string[lines.Length - 1];
        for (int i = 1; i < lines.Length; i++)
        {
            string[] f = SplitLine(lines[i]);
            if (f.Length != 4 || f[0] != i.ToString(CultureInfo.InvariantCulture) || !long.TryParse(f[2], CultureInfo.InvariantCulture, out long sample))
                throw new InvalidInputException($"{path}, line {i + 1}: expected '{i},record,sample,symbol'");
            origins[i - 1] = new BeatOrigin(f[1], sample);
            symbols[i - 1] = f[3];
        }
        return (origins, symbols);
    }

    // Symbols such as " (a double quote) need CSV quoting.
    private static string Quote(string s) => s.IndexOfAny([',', '"']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static string[] SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
