using System.Security.Cryptography;

namespace EcgBeats.TestSupport;

/// <summary>
/// A folder laid out like PhysioNet's mitdb/1.0.0 (RECORDS, SHA256SUMS.txt, NNN.hea/.dat/.atr),
/// holding the four fixture records, for download tests that need no ../shared.
/// </summary>
internal static class FixtureMirror
{
    public static void Build(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "RECORDS"), string.Join("\n", TestData.FixtureRecords) + "\n");
        foreach (string record in TestData.FixtureRecords)
            foreach (string ext in new[] { ".hea", ".dat", ".atr" })
                File.Copy(TestData.FixtureRecord(record) + ext, Path.Combine(folder, record + ext));
        Sums(folder);
    }

    /// <summary>Writes the folder's <c>SHA256SUMS.txt</c> anew (after a test changed a file).</summary>
    public static void Sums(string folder)
    {
        var lines = new List<string>();
        foreach (string file in Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != "SHA256SUMS.txt").Order(StringComparer.Ordinal))
            lines.Add($"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))}  {Path.GetFileName(file)}");
        File.WriteAllText(Path.Combine(folder, "SHA256SUMS.txt"), string.Join("\n", lines) + "\n");
    }
}
