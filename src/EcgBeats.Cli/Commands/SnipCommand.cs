using System.CommandLine;
using EcgBeats.PhysioNet;
using EcgBeats.Io;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats snip RECORD</c>: cut a time window of a record (signals and annotations) into a new record.</summary>
internal static class SnipCommand
{
    public static Command Create()
    {
        var record = new Argument<string>("RECORD") { Description = "The record to cut from (name in the data folder, or a path)." };
        var output = new Option<string>("--out") { Description = "Folder for the new record.", Required = true, HelpName = "DIR" };
        var from = new Option<double>("--from") { Description = "Start, in seconds.", DefaultValueFactory = _ => 0 };
        var to = new Option<double?>("--to") { Description = "End, in seconds (default: the end of the record)." };
        var name = new Option<string?>("--name") { Description = "The new record's name (default: the old one)." };
        var annotators = new Option<string[]>("--annotator")
        {
            Description = "Annotation files to cut along (extensions).",
            DefaultValueFactory = _ => ["atr"],
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("snip", "Cut a window of a record (signals and annotations) into a new WFDB record; checksums are recomputed.")
        {
            record, output, from, to, name, annotators,
        };
        command.SetAction(parse =>
        {
            string path = RecordPath.Resolve(parse.GetValue(record)!, DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory);
            var header = RecordReader.ReadHeader(path);
            string newName = parse.GetValue(name) ?? header.RecordName;
            if (SafeNames.WhyNotRecordName(newName) is { } badName)
                throw new InvalidInputException($"--name '{Quote.Short(newName)}': not a WFDB record name ({badName})");
            string[] extensions = parse.GetValue(annotators)!;
            foreach (string extension in extensions)
                if (SafeNames.WhyNotAnnotatorName(extension) is { } badExt)
                    throw new InvalidInputException($"--annotator '{Quote.Short(extension)}': {badExt}");
            long total = header.SampleCount ?? throw new InvalidInputException($"{RecordPath.Header(path)}: no sample count; cannot cut a window");
            long start = (long)Math.Round(parse.GetValue(from) * header.SamplingFrequency);
            long end = parse.GetValue(to) is { } t ? (long)Math.Round(t * header.SamplingFrequency) : total;
            if (start < 0 || end > total || end <= start)
                throw new InvalidInputException($"window {start}..{end} (samples) is empty or outside the record's 0..{total}");

            // Everything is read (and so checked) before anything is written; then all files go into place as one unit.
            var window = RecordReader.Read(path, start, end - start);
            var cut = new List<(string Extension, List<Annotation> Annotations)>();
            foreach (string extension in extensions)
            {
                string annotationPath = RecordPath.Annotations(path, extension);
                if (!File.Exists(annotationPath)) continue;
                cut.Add((extension, AnnotationReader.ReadFile(annotationPath)
                    .Where(a => a.Sample >= start && a.Sample < end)
                    .Select(a => a with { Sample = a.Sample - start }).ToList()));
            }
            string folder = parse.GetValue(output)!;
            // The files this command read: the new record must not be written over them (snip rec/100 --out rec).
            string headerFolder = Path.GetDirectoryName(Path.GetFullPath(RecordPath.Header(path)))!;
            var inputs = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(RecordPath.Header(path)) };
            foreach (var signal in header.Signals) inputs.Add(Path.GetFullPath(Path.Combine(headerFolder, signal.FileName)));
            foreach (var (extension, _) in cut) inputs.Add(Path.GetFullPath(RecordPath.Annotations(path, extension)));
            using (var files = new FileSet(folder))
            {
                var staged = new List<string>();
                foreach (string written in RecordWriter.Write(files.StagingFolder, newName, window)) staged.Add(files.Stage(written));
                foreach (var (extension, annotations) in cut)
                {
                    string name = newName + "." + extension;
                    AnnotationWriter.WriteFile(files.Stage(name), annotations);
                    staged.Add(name);
                }
                foreach (string name in staged)
                    if (inputs.Contains(Path.GetFullPath(files.Final(Path.GetFileName(name)))))
                        throw new InvalidInputException($"{files.Final(Path.GetFileName(name))}: is a file of the record being cut; writing the new record there would destroy the source (give --name, or another --out)");
                files.Commit();
            }
            parse.InvocationConfiguration.Output.WriteLine(
                $"Wrote {Path.Combine(folder, newName)} ({end - start:N0} samples, {(end - start) / header.SamplingFrequency:0.###} s from {start / header.SamplingFrequency:0.###} s)");
            return (int)ExitCode.Success;
        });
        return command;
    }
}
