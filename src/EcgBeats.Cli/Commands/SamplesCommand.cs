using System.CommandLine;
using System.Globalization;
using System.Text;
using EcgBeats.PhysioNet;
using EcgBeats.Io;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats samples RECORD</c>: a record's samples as CSV (time and one column per signal, physical units or ADC
/// units), as WFDB's <c>rdsamp -p -c</c> and <c>rdsamp -c</c> print them, for pandas or a spreadsheet. Streams: a
/// minute of samples is read, written and dropped at a time, so a record of any length fits in memory. An invalid
/// sample prints as -32768 with <c>--adc</c> (as rdsamp) and NaN in physical units (rdsamp prints "-"; pandas reads NaN).
/// A multi-frequency record prints one row per frame (slower signals averaged, as rdsamp) or, with
/// <c>--high-resolution</c>, one row per sample of its fastest signal (as <c>rdsamp -H</c>).
/// </summary>
internal static class SamplesCommand
{
    /// <summary>Samples per signal read at a time.</summary>
    private const long ChunkSeconds = 60;

    /// <summary>Characters of rows gathered before each write.</summary>
    private const int OutputBlockChars = 1 << 16;

    public static Command Create()
    {
        var record = new Argument<string>("RECORD") { Description = "A record: its name in the data folder (100), or a path (mitdb/100 or mitdb/100.hea)." };
        var from = new Option<double>("--from") { Description = "Start, in seconds.", DefaultValueFactory = _ => 0 };
        var to = new Option<double?>("--to") { Description = "End, in seconds (default: the end of the record)." };
        var signals = new Option<string[]>("--signals")
        {
            Description = "Signals to print, by number (from 0) or name (MLII); default: all.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "SIGNAL",
        };
        var adc = new Option<bool>("--adc") { Description = "ADC units and sample numbers (as rdsamp -c) instead of physical units and seconds (as rdsamp -p -c)." };
        var output = new Option<string?>("--out") { Description = "CSV file to write (default: standard output).", HelpName = "FILE" };
        var high = new Option<bool>("--high-resolution", "-H") { Description = "For a record whose signals have several samples per frame: every signal at the fastest one's rate (as rdsamp -H), instead of one averaged sample per frame." };
        var command = new Command("samples", "Print a record's samples as CSV: time and one column per signal, in physical units (or ADC units with --adc), as WFDB's rdsamp does.")
        {
            record, from, to, signals, adc, output, high,
        };
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield(); // Ctrl+C then cancels the loop below, whose finally removes the unfinished file
            string path = RecordPath.Resolve(parse.GetValue(record)!, DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory);
            var header = RecordReader.ReadHeader(path);
            double fs = header.SamplingFrequency;
            long total = RecordReader.Length(path); // in frames: the header's length, or what the files hold
            long start = (long)Math.Round(parse.GetValue(from) * fs);
            long end = parse.GetValue(to) is { } t ? (long)Math.Round(t * fs) : total;
            if (start < 0 || end > total || end <= start)
                throw new InvalidInputException($"window {start}..{end} (samples) is empty or outside the record's 0..{total}");
            int[] chosen = Choose(parse.GetValue(signals) ?? [], header, RecordPath.Header(path));
            // What rdsamp says on standard error: the header's warnings, and, for the whole record, each checksum error.
            var error = parse.InvocationConfiguration.Error;
            foreach (string warning in header.Warnings) error.WriteLine($"warning: {Quote.Printable(warning)}");
            // For the whole record, its checksums: summed from the windows printed when they hold every sample, else read once more.
            bool whole = start == 0 && end == total;
            var sums = whole && header.MaxSamplesPerFrame == 1 ? new RunningChecksums(header) : null;
            bool raw = parse.GetValue(adc);
            string? file = parse.GetValue(output);
            if (file is not null)
            {
                OutputFolder.PrepareFile(file);
                OutputFolder.CheckNotAnInput(file, RecordReader.Files(path));
            }

            TextWriter writer = parse.InvocationConfiguration.Output;
            Stream? atomic = null;
            Action commit = () => writer.Flush();
            StreamWriter? standardOutput = null;
            if (file is null && ReferenceEquals(writer, Console.Out))
            {
                // The process's standard output through a buffer of its own: Console.Out flushes every write (#26: 85-94 s
                // for the 48 records against 7-9 s for rdsamp).
                standardOutput = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
                writer = standardOutput;
                commit = () => standardOutput.Flush();
            }
            if (file is not null)
            {
                // The file appears whole or not at all: a failure part-way leaves nothing under its name.
                atomic = AtomicFile.Create(file, out var commitAtomic);
                var fileWriter = new StreamWriter(atomic, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                writer = fileWriter;
                commit = () => { fileWriter.Flush(); commitAtomic(); };
            }
            try
            {
                var rate = parse.GetValue(high) ? SignalRate.HighestRate : SignalRate.FrameRate;
                int perFrame = rate == SignalRate.HighestRate ? header.MaxSamplesPerFrame : 1;
                // A description's control characters are escaped: the header goes to a terminal as often as to a file.
                var names = chosen.Select(i => Csv(Quote.Printable(header.Signals[i].Description is { Length: > 0 } d ? d : $"signal {i}"))).ToList();
                writer.Write(raw ? "sample" : "time_s");
                foreach (string name in names) writer.Write(',' + name);
                writer.Write('\n');
                // Rows are formatted straight into a block of characters, written 64 KB at a time: no string per value,
                // and no write per row (standard output flushes every write: 85-94 s for the 48 records, #26).
                int rowMost = 32 * (chosen.Length + 1) + 1;
                var block = new char[OutputBlockChars + rowMost];
                int used = 0;
                void Put(ReadOnlySpan<char> text) { text.CopyTo(block.AsSpan(used)); used += text.Length; }
                void Number<T>(T value, string? format) where T : ISpanFormattable
                {
                    if (!value.TryFormat(block.AsSpan(used), out int written, format, CultureInfo.InvariantCulture))
                        throw new InvalidOperationException("a value longer than 32 characters"); // cannot happen for these numbers
                    used += written;
                }
                long chunk = Math.Max(1, (long)(ChunkSeconds * fs));
                // Physical values and times as .NET formats (adc - baseline) / gain ("R") and sample / frequency ("0.######"),
                // in integer arithmetic where that is the same text (Wfdb/SampleText): twice as fast for usual headers.
                void Text(bool fits) { if (!fits) throw new InvalidOperationException("a value longer than 32 characters"); }
                foreach (var window in RecordReader.ReadWindows(path, start, end, chunk, rate))
                {
                    cancel.ThrowIfCancellationRequested();
                    sums?.Add(window);
                    var times = new TimeText(window.SamplingFrequency);
                    var values = chosen.Select(c => new PhysicalText(window.Header.Signals[c].Baseline, window.Header.Signals[c].Gain)).ToArray();
                    int[][] adcs = chosen.Select(c => window.Adc[c]).ToArray();
                    for (int k = 0; k < window.Length; k++)
                    {
                        long sample = window.Start * perFrame + k;
                        int written;
                        if (raw) Number(sample, null);
                        else { Text(times.TryFormat(sample, block.AsSpan(used), out written)); used += written; }
                        for (int c = 0; c < chosen.Length; c++)
                        {
                            Put(",");
                            int value = adcs[c][k];
                            // An invalid sample is WFDB_INVALID_SAMPLE (-32768) in every format, as the reader returns it and rdsamp prints it.
                            if (raw) Number(value, null);
                            else if (value == EcgBeats.Wfdb.Formats.SignalCodecs.InvalidSample) Put("NaN"); // WFDB's invalid sample ("-" in rdsamp)
                            else { Text(values[c].TryFormat(value, block.AsSpan(used), out written)); used += written; }
                        }
                        Put("\n");
                        if (used >= OutputBlockChars) { writer.Write(block, 0, used); used = 0; }
                    }
                }
                writer.Write(block, 0, used);
                commit();
                if (whole)
                    foreach (var mismatch in sums?.Mismatches() ?? RecordChecks.Checksums(path))
                        error.WriteLine($"warning: {RecordChecks.Describe(mismatch, RecordPath.Header(path))}");
            }
            finally
            {
                if (atomic is not null) { writer.Dispose(); atomic.Dispose(); }
                standardOutput?.Dispose(); // what was written goes out, as rdsamp's rows do when it stops
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>Signal numbers for what the user named (numbers or descriptions), in the order named.</summary>
    private static int[] Choose(string[] asked, WfdbHeader header, string headerPath)
    {
        if (asked.Length == 0) return Enumerable.Range(0, header.SignalCount).ToArray();
        return asked.Select(a =>
        {
            if (int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < header.SignalCount) return i;
            int byName = header.Signals.ToList().FindIndex(s => s.Description == a);
            return byName >= 0 ? byName
                : throw new InvalidInputException($"--signals {Quote.Short(a)}: {headerPath} has signals {string.Join(", ", header.Signals.Select((s, k) => $"{k} ({Quote.Short(s.Description)})"))}");
        }).ToArray();
    }

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? '"' + text.Replace("\"", "\"\"") + '"' : text;
}
