using System.CommandLine;
using EcgBeats.Beats;
using EcgBeats.Io;
using EcgBeats.PhysioNet;
using EcgBeats.Wfdb;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats info RECORD</c>: header facts, duration, and annotation counts per symbol and AAMI class.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var record = new Argument<string>("RECORD") { Description = "A record: its name in the data folder (100), or a path (mitdb/100 or mitdb/100.hea)." };
        var annotator = new Option<string>("--annotator") { Description = "Annotation file extension.", DefaultValueFactory = _ => "atr" };
        var command = new Command("info", "Print a record's header facts, duration, and its annotation counts per symbol and AAMI class.")
        {
            record, annotator,
        };
        command.SetAction(parse =>
        {
            string path = RecordPath.Resolve(parse.GetValue(record)!, DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory);
            var header = RecordReader.ReadHeader(path);
            var console = Terminal.For(parse.InvocationConfiguration.Output);

            console.MarkupLineInterpolated($"[bold]Record {Quote.Printable(header.RecordName)}[/]  ({Quote.Printable(RecordPath.Header(path))})");
            console.WriteLine($"Sampling frequency: {header.SamplingFrequency} Hz");
            string frames = header.MaxSamplesPerFrame > 1 ? "Frames (samples per signal at the frame rate)" : "Samples per signal";
            if (header.SampleCount is { } n)
                console.WriteLine($"{frames}: {n:N0}  (duration {Duration(n / header.SamplingFrequency)})");
            else
            {
                // No length (or 0, "unknown"): WFDB reads to the end of the files, so say what they hold.
                try
                {
                    long held = RecordReader.Length(path);
                    console.WriteLine($"{frames}: not in the header; the signal files hold {held:N0}  (duration {Duration(held / header.SamplingFrequency)})");
                }
                catch (Exception e) when (e is WfdbFormatException or IOException)
                {
                    console.WriteLine($"{frames}: not in the header, and the signal files cannot say: {e.Message}");
                }
            }
            if (header.BaseTime is { } time) console.WriteLine($"Base time: {time}");
            if (header.BaseDate is { } date) console.WriteLine($"Base date: {date:yyyy-MM-dd}");
            foreach (string comment in header.Comments) console.WriteLine($"# {Quote.Printable(comment)}");

            foreach (string warning in header.Warnings) console.WriteLine($"Warning: {Quote.Printable(warning)}");
            // Each checksum checked against the samples, as rdsamp does when it reads the whole record.
            IReadOnlyList<ChecksumMismatch> mismatches;
            try { mismatches = RecordChecks.Checksums(path); }
            catch (Exception e) when (e is WfdbFormatException or IOException or InvalidInputException)
            {
                mismatches = [];
                console.WriteLine($"Checksums not checked: {Quote.Printable(e.Message)}");
            }
            var signals = new Table().AddColumns("#", "signal", "file", "format", "Hz", "gain", "baseline", "units", "ADC bits", "ADC zero", "initial", "checksum");
            for (int i = 0; i < header.SignalCount; i++)
            {
                var s = header.Signals[i];
                signals.AddRow(i.ToString(), Markup.Escape(Quote.Printable(s.Description)), Markup.Escape(Quote.Printable(s.FileName)), Markup.Escape(Quote.Printable(s.FormatField)), header.SignalFrequency(i).ToString("G6"), s.Gain.ToString(), s.Baseline.ToString(), Markup.Escape(Quote.Printable(s.Units)),
                    s.AdcResolution.ToString(), s.AdcZero.ToString(), s.InitialValue.ToString(), Checksum(s, mismatches.FirstOrDefault(m => m.Signal == i)));
            }
            console.Write(signals);
            foreach (var mismatch in mismatches) console.WriteLine($"Warning: {RecordChecks.Describe(mismatch, RecordPath.Header(path))}");
            if (header.Segments is { } segments)
            {
                bool variable = segments[0].Length == 0;
                console.WriteLine($"Segments: {segments.Count} ({(variable ? "variable layout: the first is the layout header; a segment may lack signals, read as invalid" : "fixed layout")}; ~ is a gap)");
                var table = new Table().AddColumns("#", "segment", "first sample", "samples", "duration");
                long at = 0;
                // The first and last rows of a long list: a header of 2^20 segments took 47 s and 4.6 GB to tabulate whole.
                const int head = 40, tail = 10;
                for (int i = 0; i < segments.Count; i++)
                {
                    if (i < head || i >= segments.Count - tail)
                        table.AddRow(i.ToString(), Markup.Escape(Quote.Printable(segments[i].Name)), at.ToString("N0"), segments[i].Length.ToString("N0"), Duration(segments[i].Length / header.SamplingFrequency));
                    else if (i == head)
                        table.AddRow("...", $"{segments.Count - head - tail:N0} more", "", "", "");
                    at += segments[i].Length;
                }
                console.Write(table);
            }

            string annotationPath = RecordPath.Annotations(path, parse.GetValue(annotator)!);
            if (!File.Exists(annotationPath))
            {
                console.WriteLine($"No annotation file {annotationPath}.");
                return (int)ExitCode.Success;
            }
            var file = AnnotationReader.Read(annotationPath, header.SamplingFrequency);
            var annotations = file.Annotations;
            var counts = new Table().AddColumns("symbol", "meaning", "count", "AAMI class");
            foreach (var group in annotations.GroupBy(a => a.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key))
            {
                // The file's own table may name a code (e.g. 42 as X): its mnemonic and meaning, as rdann shows them.
                string symbol = group.First().Symbol;
                string meaning = file.Definitions.FirstOrDefault(d => d.Code == group.Key)?.Description ?? AnnotationCodes.Description(group.Key);
                string aami = AamiMapping.TryMap(symbol, out var c) ? c.ToString() : "not a beat";
                counts.AddRow(Markup.Escape(Quote.Printable(symbol)), Markup.Escape(Quote.Printable(meaning)), group.Count().ToString("N0"), aami);
            }
            console.WriteLine();
            console.WriteLine($"Annotations ({annotationPath}{(file.Aha ? ", AHA format" : "")}): {annotations.Count:N0}");
            if (file.TimeResolution is { } ticks && ticks != header.SamplingFrequency)
                console.WriteLine($"Time resolution: {ticks} ticks per second (positions converted to samples at {header.SamplingFrequency} Hz)");
            console.Write(counts);

            var classes = new Table().AddColumns("AAMI class", "beats");
            var beats = annotations.Where(a => AamiMapping.IsBeat(a.Symbol)).ToList();
            foreach (var c in AamiMapping.Classes)
                classes.AddRow(c.ToString(), beats.Count(b => AamiMapping.Beats[b.Symbol] == c).ToString("N0"));
            classes.AddRow("all beats", beats.Count.ToString("N0"));
            console.Write(classes);

            var rhythms = annotations.Where(a => a.Code == AnnotationCodes.RhythmChange && a.AuxText is { Length: > 0 })
                .Select(a => a.AuxText!).Distinct().ToList();
            if (rhythms.Count > 0) console.WriteLine($"Rhythms: {string.Join(" ", rhythms.Select(Quote.Printable))}");
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>A duration as h:mm:ss.fff (with days when over a day), or in seconds when beyond what a clock shows.</summary>
    private static string Duration(double seconds) =>
        !double.IsFinite(seconds) || seconds >= TimeSpan.MaxValue.TotalSeconds / 2 ? $"{seconds:G4} s"
        : TimeSpan.FromSeconds(seconds) is var t && t.TotalDays >= 1 ? $"{(long)t.TotalDays} d {t:hh\\:mm\\:ss\\.fff}"
        : $"{TimeSpan.FromSeconds(seconds):hh\\:mm\\:ss\\.fff}";

    /// <summary>The checksum column: the header's value, and "differs" with the samples' sum when they disagree.</summary>
    private static string Checksum(SignalSpec signal, ChecksumMismatch? mismatch) =>
        signal.Checksum is not { } stated ? "-" : mismatch is null ? stated.ToString() : $"{stated} (samples: {mismatch.Actual})";
}
