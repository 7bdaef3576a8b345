using System.Text;
using EcgBeats.Beats;
using EcgBeats.Io;

namespace EcgBeats.Datasets;

/// <summary>A row or value of a Kaggle-layout CSV file cannot be used; the message names the row and column.</summary>
public sealed class KaggleCsvException(string message) : InvalidInputException(message);

/// <summary>
/// The layout of Kaggle's "ECG Heartbeat Categorization Dataset" files (<c>mitbih_train.csv</c>,
/// <c>mitbih_test.csv</c>, <c>ptbdb_normal.csv</c>, <c>ptbdb_abnormal.csv</c>): no header, one beat
/// per line, 187 values then the label, comma-separated, values as <c>%.18e</c> of float32 numbers,
/// CRLF line ends (LF is read too).
/// </summary>
public static class KaggleCsv
{
    /// <summary>Values per beat in the Kaggle layout.</summary>
    public const int BeatLength = 187;

    /// <summary>Columns per line: the beat and its label.</summary>
    public const int Columns = BeatLength + 1;

    /// <summary>The highest label (AAMI: N=0, S=1, V=2, F=3, Q=4; PTB uses 0 and 1).</summary>
    public const int MaxLabel = 4;

    /// <summary>
    /// Reads a file strictly: every line must have 188 finite numbers and a whole-number label
    /// 0..4. Lines are parsed in parallel. Rows and columns in errors count from 1. The beats carry
    /// no recipe: a bare CSV does not say how they were cut (see <see cref="DatasetFiles"/>).
    /// </summary>
    /// <exception cref="KaggleCsvException">The file is empty or a row is malformed.</exception>
    public static LabelledBeats Read(string path) => Read(path, out _);

    /// <summary>As <see cref="Read(string)"/>, and the SHA-256 (hex) of the file's bytes.</summary>
    public static LabelledBeats Read(string path, out string sha256)
    {
        var (values, labels, hash) = Parse(path, labelled: true);
        sha256 = hash;
        return new LabelledBeats(BeatLength, values, labels!);
    }

    /// <summary>
    /// Reads beats to classify: lines of 188 columns (beat and label, as Kaggle) or of 187 (the beat
    /// alone). The first line decides; every line must agree.
    /// </summary>
    /// <returns>The beats, their labels when the file has them (else null), and the file's SHA-256.</returns>
    public static (UnlabelledBeats Beats, int[]? Labels, string Sha256) ReadBeats(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        string first;
        using (var reader = new StreamReader(path)) first = reader.ReadLine() ?? "";
        bool labelled = first.Count(c => c == ',') + 1 != BeatLength;
        var (values, labels, hash) = Parse(path, labelled);
        return (new UnlabelledBeats(BeatLength, values), labels, hash);
    }

    private static (float[] Values, int[]? Labels, string Sha256) Parse(string path, bool labelled)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        byte[] bytes = File.ReadAllBytes(path);
        var lines = LineRanges(bytes);
        if (lines.Count == 0) throw new KaggleCsvException($"{path}: the file is empty; expected one beat per line ({Columns} columns, no header)");

        var values = new float[(long)lines.Count * BeatLength];
        var labels = new int[lines.Count];
        string? firstError = null;
        int firstErrorRow = int.MaxValue;
        var gate = new object();
        Parallel.For(0, (lines.Count + 1023) / 1024, block =>
        {
            int end = Math.Min(lines.Count, (block + 1) * 1024);
            for (int row = block * 1024; row < end; row++)
            {
                string? error = ParseRow(bytes.AsSpan(lines[row].Start, lines[row].Length), values.AsSpan(row * BeatLength, BeatLength), labelled, out labels[row]);
                if (error is null) continue;
                lock (gate)
                {
                    if (row < firstErrorRow) { firstErrorRow = row; firstError = error; }
                }
                return;
            }
        });
        if (firstError is not null) throw new KaggleCsvException($"{path}, row {firstErrorRow + 1}: {firstError}");
        return (values, labelled ? labels : null, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    /// <summary>
    /// Writes beats in the Kaggle layout (values and label as <c>%.18e</c>), atomically. Beats
    /// must be <see cref="BeatLength"/> long.
    /// </summary>
    /// <returns>The SHA-256 (hex) of the bytes written.</returns>
    public static string Write(string path, LabelledBeats beats, CancellationToken cancel = default)
    {
        if (beats.ValuesPerBeat != BeatLength) throw new ArgumentException($"Kaggle rows hold {BeatLength} values; these beats have {beats.ValuesPerBeat}", nameof(beats));
        const int rowsPerBlock = 512;
        int blocks = (beats.Count + rowsPerBlock - 1) / rowsPerBlock;
        var chunks = new byte[blocks][];
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancel }, block =>
        {
            int end = Math.Min(beats.Count, (block + 1) * rowsPerBlock);
            var buffer = new byte[(end - block * rowsPerBlock) * (Columns * (KaggleNumberFormat.MaxLength + 1) + 1)];
            int at = 0;
            for (int row = block * rowsPerBlock; row < end; row++)
            {
                foreach (float v in beats.Beat(row))
                {
                    at += KaggleNumberFormat.Format(v, buffer.AsSpan(at));
                    buffer[at++] = (byte)',';
                }
                at += KaggleNumberFormat.Format(beats.Labels[row], buffer.AsSpan(at));
                // The Kaggle files end their lines with CRLF.
                buffer[at++] = (byte)'\r';
                buffer[at++] = (byte)'\n';
            }
            chunks[block] = buffer[..at];
        });
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var stream = AtomicFile.Create(path, out var commit);
        foreach (byte[] chunk in chunks)
        {
            cancel.ThrowIfCancellationRequested();
            stream.Write(chunk);
            hash.AppendData(chunk);
        }
        commit();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static List<(int Start, int Length)> LineRanges(byte[] bytes)
    {
        var lines = new List<(int, int)>(bytes.Length / 4000 + 1);
        // A UTF-8 byte-order mark (some editors and Excel write one) is not part of the first number.
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (start < bytes.Length)
        {
            int newline = bytes.AsSpan(start).IndexOf((byte)'\n');
            int end = newline < 0 ? bytes.Length : start + newline;
            int length = end - start;
            if (length > 0 && bytes[start + length - 1] == (byte)'\r') length--;
            // A blank last line is the file's final newline, not a row.
            if (!(length == 0 && end >= bytes.Length - 1)) lines.Add((start, length));
            start = end + 1;
        }
        return lines;
    }

    private static string? ParseRow(ReadOnlySpan<byte> line, Span<float> beat, bool labelled, out int label)
    {
        label = labelled ? -1 : 0;
        int columns = labelled ? Columns : BeatLength;
        string expected = labelled ? $"{Columns} ({BeatLength} values and a label)" : $"{BeatLength} (the values of a beat, as the file's first line)";
        int column = 0;
        while (true)
        {
            int comma = line.IndexOf((byte)',');
            var field = comma < 0 ? line : line[..comma];
            if (column >= columns)
                return $"more than {columns} columns; expected {expected}";
            if (!KaggleNumberFormat.TryParse(field, out float value))
                return $"column {column + 1}: '{Quote.Bytes(field)}' is not a finite number";
            if (column < BeatLength) beat[column] = value;
            else
            {
                if (value != MathF.Round(value) || value < 0 || value > MaxLabel)
                    return $"column {Columns}: label '{Quote.Bytes(field)}' is not one of 0, 1, 2, 3, 4";
                label = (int)value;
            }
            column++;
            if (comma < 0) break;
            line = line[(comma + 1)..];
        }
        return column == columns ? null : $"{column} columns; expected {expected}";
    }
}
