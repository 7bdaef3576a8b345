namespace EcgBeats.Benchmarks;

/// <summary>The MIT-BIH folder for benchmarks: ECGBEATS_DATA, which must be set.</summary>
internal static class BenchData
{
    public static string MitDb =>
        Environment.GetEnvironmentVariable("ECGBEATS_DATA") is { Length: > 0 } dir && File.Exists(Path.Combine(dir, "100.hea"))
            ? dir
            : throw new InvalidOperationException("Set ECGBEATS_DATA to the MIT-BIH folder (e.g. ../shared/mitdb) to run this benchmark.");

    public static string[] Records(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "RECORDS")).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}
