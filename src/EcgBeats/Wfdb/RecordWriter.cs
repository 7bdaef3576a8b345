using EcgBeats.Io;

namespace EcgBeats.Wfdb;

/// <summary>
/// Writes a record (header and signal files) in the formats its header names. Sample counts,
/// initial values and checksums in the written header are recomputed from the samples, so the
/// result always verifies. Every file is written atomically.
/// </summary>
public static class RecordWriter
{
    /// <summary>
    /// Writes <paramref name="record"/> as <c>folder/name.hea</c> plus its signal files, renamed to
    /// <paramref name="name"/> (e.g. <c>100.dat</c> becomes <c>name.dat</c>).
    /// </summary>
    /// <returns>The names of the files written, the header last.</returns>
    public static IReadOnlyList<string> Write(string folder, string name, WfdbRecord record)
    {
        var names = new List<string>();
        var header = record.Header;
        var renamed = new Dictionary<string, string>();
        foreach (var spec in header.Signals)
            if (!renamed.ContainsKey(spec.FileName))
                renamed[spec.FileName] = name + (Path.GetExtension(spec.FileName) is { Length: > 0 } ext ? ext : ".dat");

        var signals = header.Signals.Select((s, i) => s with
        {
            FileName = renamed[s.FileName],
            ByteOffset = 0,
            InitialValue = record.Length > 0 ? record.Adc[i][0] : s.InitialValue,
            Checksum = record.Checksum(i),
        }).ToList();

        foreach (var file in signals.Select((s, i) => (s, i)).GroupBy(p => p.s.FileName))
        {
            int format = file.First().s.Format;
            int[][] members = file.Select(p => record.Adc[p.i]).ToArray();
            var interleaved = new int[(long)members.Length * record.Length];
            for (int t = 0; t < record.Length; t++)
                for (int k = 0; k < members.Length; k++)
                    interleaved[t * members.Length + k] = members[k][t];
            var bytes = new byte[SignalFormats.ByteCount(format, interleaved.Length)];
            if (format == SignalFormats.Format212) Format212.Encode(interleaved, bytes);
            else Format16.Encode(interleaved, bytes);
            AtomicFile.WriteAllBytes(Path.Combine(folder, file.Key), bytes);
            names.Add(file.Key);
        }
        var written = header with { RecordName = name, SampleCount = record.Length, Signals = signals };
        AtomicFile.WriteAllText(Path.Combine(folder, name + ".hea"), HeaderWriter.Format(written));
        names.Add(name + ".hea");
        return names;
    }
}
