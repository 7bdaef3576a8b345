using EcgBeats.Io;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Wfdb;

/// <summary>
/// Writes a record (header and signal files) in the formats its header names, through the codec table. Sample counts,
/// initial values and checksums in the written header are recomputed from the samples, so the result always verifies;
/// skews are applied on reading, so none is written. Every file is written atomically.
/// </summary>
public static class RecordWriter
{
    /// <summary>
    /// Writes <paramref name="record"/> as <c>folder/name.hea</c> plus its signal files, renamed to
    /// <paramref name="name"/> (e.g. <c>100.dat</c> becomes <c>name.dat</c>).
    /// </summary>
    /// <returns>The names of the files written, the header last.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A sample does not fit its signal's format (the message names it).</exception>
    public static IReadOnlyList<string> Write(string folder, string name, WfdbRecord record)
    {
        var names = new List<string>();
        var header = record.Header;
        var renamed = new Dictionary<string, string>();
        foreach (var spec in header.Signals)
            if (!renamed.ContainsKey(spec.FileName))
                renamed[spec.FileName] = name + (Path.GetExtension(spec.FileName) is { Length: > 0 } ext ? ext : ".dat");

        // Samples are written as held: at the frame rate (or the highest rate, which becomes the frame rate) one per
        // frame, at their own rate with their samples per frame.
        bool own = record.Rate == SignalRate.OwnRate;
        var signals = header.Signals.Select((s, i) => s with
        {
            FileName = renamed[s.FileName],
            ByteOffset = 0,
            InitialValue = record.Adc[i].Length > 0 ? record.Adc[i][0] : s.InitialValue,
            Checksum = record.Checksum(i),
            SamplesPerFrame = own ? s.SamplesPerFrame : 1,
            Skew = 0,
        }).ToList();

        // Null signals (format 0) have no samples to store: they keep format 0 and no file ("~"), as WFDB writes them.
        for (int i = 0; i < signals.Count; i++)
            if (signals[i].Format == HeaderParser.NullFormat) signals[i] = signals[i] with { FileName = "~" };
        // A format EcgBeats reads but does not write (FLAC) is refused before any file is written.
        if (signals.FirstOrDefault(s => s.Format != HeaderParser.NullFormat && SignalCodecs.IsCompressed(s.Format)) is { } compressed)
            throw new InvalidInputException($"{name}: signal '{Io.Quote.Short(compressed.Description)}' is in format {compressed.Format} (FLAC-compressed), which EcgBeats reads but does not write");

        // One file per group of adjacent signals, as the reader groups them; a file named again later gets its own name.
        var groups = new List<(string File, int[] Members)>();
        foreach (int[] run in SignalGroup.Runs(signals).Where(r => signals[r[0]].Format != HeaderParser.NullFormat).ToList())
        {
            string file = signals[run[0]].FileName;
            if (groups.Any(g => g.File == file)) file = $"{name}_{run[0]}{Path.GetExtension(file)}";
            foreach (int m in run) signals[m] = signals[m] with { FileName = file };
            groups.Add((file, run));
        }
        foreach (var (file, members) in groups)
        {
            var codec = SignalCodecs.Get(signals[members[0]].Format);
            int[] spf = members.Select(m => signals[m].SamplesPerFrame).ToArray();
            int frameValues = spf.Sum();
            var values = new int[record.Frames * frameValues];
            for (int i = 0, offset = 0; i < members.Length; offset += spf[i], i++)
            {
                int[] samples = record.Adc[members[i]];
                if (codec.IsDifference)
                {
                    samples = (int[])samples.Clone();
                    Format8.Differences(samples, signals[members[i]].InitialValue);
                }
                for (long f = 0; f < record.Frames; f++)
                    for (int k = 0; k < spf[i]; k++)
                        values[f * frameValues + offset + k] = samples[f * spf[i] + k];
            }
            var bytes = new byte[codec.WrittenByteCount(values.Length)];
            codec.Encode(values, bytes);
            AtomicFile.WriteAllBytes(Path.Combine(folder, file), bytes);
            names.Add(file);
        }
        var written = header with
        {
            RecordName = name,
            SampleCount = record.Frames,
            SamplingFrequency = own ? header.SamplingFrequency : record.SamplingFrequency,
            Signals = signals,
        };
        AtomicFile.WriteAllText(Path.Combine(folder, name + ".hea"), HeaderWriter.Format(written));
        names.Add(name + ".hea");
        return names;
    }
}
