using System.Globalization;
using System.Text;
using EcgBeats.Beats;
using EcgBeats.Io;

namespace EcgBeats.Adaptation;

/// <summary>One analyst's label from a filled sheet.</summary>
/// <param name="Sample">The beat's position, samples from the record's start.</param>
/// <param name="Class">Its class, as the analyst says.</param>
/// <param name="Line">The sheet's line (1-based), for messages.</param>
public sealed record SheetLabel(long Sample, AamiClass Class, int Line);

/// <summary>
/// The labelling sheet <c>ecgbeats review</c> writes and <c>adapt --sheet</c> reads: CSV with a header, one row per beat to
/// confirm, in the order an analyst should look at them. Columns: <c>record, sample, time, cluster, cluster_size,
/// proposed, confidence, reason, label</c>; the analyst fills <c>label</c> (N, S, V, F, Q or a WFDB beat symbol such as
/// A or L; empty: not confirmed). Its companion <c>clusters.csv</c> (<c>sample, cluster</c> for every beat of the record)
/// lets the labels spread to the clusters they speak for.
/// </summary>
public static class LabellingSheet
{
    /// <summary>The sheet's file name in a review folder.</summary>
    public const string FileName = "sheet.csv";

    /// <summary>The clusters' file name in a review folder.</summary>
    public const string ClustersFileName = "clusters.csv";

    /// <summary>The sheet's columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["record", "sample", "time", "cluster", "cluster_size", "proposed", "confidence", "reason", "label"];

    /// <summary>The largest sheet or clusters file read, bytes: a 30-minute record's clusters file is about 20 KB; 24 hours at 200 beats/min about 4 MB.</summary>
    public const long MaximumBytes = 64L << 20;

    /// <summary>The sheet's text (label column empty).</summary>
    /// <param name="record">The record's name.</param>
    /// <param name="samplingFrequency">Its rate, Hz (for the time column).</param>
    /// <param name="selection">The review's choice.</param>
    public static string Write(string record, double samplingFrequency, ReviewSelection selection)
    {
        var text = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var beat in selection.Chosen)
            text.Append(string.Join(",", Field(record), beat.Sample.ToString(CultureInfo.InvariantCulture), Time(beat.Sample / samplingFrequency),
                beat.Cluster.ToString(CultureInfo.InvariantCulture), beat.ClusterSize.ToString(CultureInfo.InvariantCulture), beat.Proposed,
                beat.Confidence.ToString("0.000", CultureInfo.InvariantCulture), beat.Reason, "")).Append('\n');
        return text.ToString();
    }

    /// <summary>The clusters file's text: every beat's sample and cluster.</summary>
    public static string WriteClusters(IReadOnlyList<long> samples, BeatClusters clusters)
    {
        var text = new StringBuilder("sample,cluster\n");
        for (int i = 0; i < samples.Count; i++)
            text.Append(samples[i].ToString(CultureInfo.InvariantCulture)).Append(',').Append(clusters.Assignments[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    /// <summary>Time as <c>M:SS.mmm</c> (hours as H:MM:SS.mmm), as WFDB's <c>rdann</c> prints it.</summary>
    public static string Time(double seconds)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}.{t.Milliseconds:000}");
    }

    /// <summary>Reads a filled sheet: the labelled rows (empty labels skipped).</summary>
    /// <param name="path">The sheet.</param>
    /// <param name="record">The record it must be about (its <c>record</c> column, when present, must name it).</param>
    /// <exception cref="InvalidInputException">The file is too large, a header without <c>sample</c> and <c>label</c>, a row that is not CSV, a sample that is not a whole number, another record, an unknown label, or one sample labelled twice; the message names the file and line.</exception>
    public static IReadOnlyList<SheetLabel> Read(string path, string record)
    {
        var rows = Rows(path);
        if (rows.Count == 0) throw new InvalidInputException($"{path}: empty; expected a header ({string.Join(",", Columns)}) and one row per beat");
        var header = rows[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int sample = header.IndexOf("sample"), label = header.IndexOf("label"), recordColumn = header.IndexOf("record");
        if (sample < 0 || label < 0) throw new InvalidInputException($"{path}: line 1: the header needs columns 'sample' and 'label' (a sheet from 'ecgbeats review' has {string.Join(",", Columns)})");
        var labels = new List<SheetLabel>();
        var seen = new Dictionary<long, int>();
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Trim().Length == 0) continue;
            if (fields.Count != header.Count) throw new InvalidInputException($"{path}: line {line}: {fields.Count} fields; the header has {header.Count}");
            if (recordColumn >= 0 && fields[recordColumn].Trim() is { Length: > 0 } named && named != record)
                throw new InvalidInputException($"{path}: line {line}: the row is about record {Quote.Short(named)}, not {record}");
            string text = fields[label].Trim();
            if (text.Length == 0) continue;
            if (!long.TryParse(fields[sample].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long at))
                throw new InvalidInputException($"{path}: line {line}: sample {Quote.Short(fields[sample])}: expected a whole number of samples from the record's start");
            if (!AamiMapping.TryMap(text, out var aami))
                throw new InvalidInputException($"{path}: line {line}: label {Quote.Short(text)}: expected N, S, V, F or Q, or a WFDB beat symbol ({string.Join(" ", AamiMapping.Beats.Keys)})");
            if (seen.TryGetValue(at, out int first))
                throw new InvalidInputException($"{path}: line {line}: sample {at} is labelled again (first on line {first})");
            seen[at] = line;
            labels.Add(new SheetLabel(at, aami, line));
        }
        return labels;
    }

    /// <summary>Reads a clusters file: sample -> cluster.</summary>
    /// <exception cref="InvalidInputException">Not a clusters file (header <c>sample,cluster</c>), or a row that is not two whole numbers; the message names the line.</exception>
    public static IReadOnlyDictionary<long, int> ReadClusters(string path)
    {
        var rows = Rows(path);
        if (rows.Count == 0 || !rows[0].Fields.Select(f => f.Trim()).SequenceEqual(["sample", "cluster"]))
            throw new InvalidInputException($"{path}: line 1: expected the header 'sample,cluster' (the clusters file 'ecgbeats review' writes)");
        var clusters = new Dictionary<long, int>();
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Trim().Length == 0) continue;
            if (fields.Count != 2 || !long.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long sample)
                || !int.TryParse(fields[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int cluster))
                throw new InvalidInputException($"{path}: line {line}: expected a sample and a cluster, two whole numbers");
            if (!clusters.TryAdd(sample, cluster)) throw new InvalidInputException($"{path}: line {line}: sample {sample} appears twice");
        }
        return clusters;
    }

    private static string Field(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>The file's CSV rows (RFC 4180 quoting, CRLF or LF, a UTF-8 byte-order mark allowed), each with its first line number.</summary>
    private static List<(int Line, List<string> Fields)> Rows(string path)
    {
        var info = Io.FileKinds.Target(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: no such file", path);
        if (info.Length > MaximumBytes) throw new InvalidInputException($"{path}: {info.Length:N0} bytes; a sheet or clusters file is at most {MaximumBytes:N0}");
        string text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, rowLine = 1;
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted: quoted = wasQuoted = true; break;
                case '"': throw new InvalidInputException($"{path}: line {line}: a quote inside an unquoted field");
                case ',': fields.Add(field.ToString()); field.Clear(); wasQuoted = false; break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break;
                case '\n' or '\r':
                    fields.Add(field.ToString()); field.Clear(); wasQuoted = false;
                    rows.Add((rowLine, fields)); fields = []; rowLine = ++line;
                    break;
                default:
                    if (wasQuoted) throw new InvalidInputException($"{path}: line {line}: text after a closing quote");
                    field.Append(c); break;
            }
        }
        if (quoted) throw new InvalidInputException($"{path}: line {rowLine}: a quoted field is never closed");
        if (field.Length > 0 || fields.Count > 0 || wasQuoted) { fields.Add(field.ToString()); rows.Add((rowLine, fields)); }
        return rows;
    }
}
