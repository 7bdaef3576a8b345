using System.CommandLine;
using System.Globalization;
using System.Text;
using EcgBeats.Archives;
using Spectre.Console;
using EcgBeats.Classification;
using EcgBeats.Data;
using EcgBeats.Dsp;
using EcgBeats.Io;
using EcgBeats.Runs;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats annotate RECORD... --model DIR</c>: finds the beats of raw records (the QRS detector chosen with
/// <c>--detector</c>: Pan–Tompkins 1985 by default, or Elgendi 2010), classifies them, and writes a WFDB annotation file
/// and a CSV per record.
/// </summary>
internal static class AnnotateCommand
{
    /// <summary>The default annotator name (file extension) of the annotations written.</summary>
    public const string DefaultExtension = "ecgbeats";

    public static Command Create()
    {
        var records = new Argument<string[]>("RECORD")
        {
            Description = "Records: names in the data folder (100), paths (mitdb/100, mitdb/100.hea), folders (their RECORDS list, else every .hea), RECORDS files, or patterns (archive/p0*.hea).",
            Arity = ArgumentArity.OneOrMore,
        };
        var model = new Option<string?>("--model")
        {
            Description = $"A model folder (model.json + weights), e.g. from 'ecgbeats train' or 'ecgbeats run'. Default: {RunFolder.DefaultAnnotationModel}, the model for new patients that 'ecgbeats run' trains on DS1 (docs/inter-patient.md).",
            HelpName = "DIR",
        };
        var output = new Option<string>("--out") { Description = "Folder for RECORD.<ext>, RECORD.<ext>.csv, RECORD.<ext>.json and the summary CSV.", DefaultValueFactory = _ => ".", HelpName = "DIR" };
        var extension = new Option<string>("--ext") { Description = "Annotator name: the annotation file's extension.", DefaultValueFactory = _ => DefaultExtension };
        var channel = new Option<int?>("--channel") { Description = "Which signal to read (from 0), instead of the lead the model's representation names (e.g. MLII, or the first signal for Kaggle-cut models)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var detector = new Option<string>("--detector")
        {
            Description = "QRS detector: pantompkins1985 (Pan and Tompkins 1985) or elgendi2010 (two moving averages; fewer errors on MIT-BIH, docs/records.md).",
            DefaultValueFactory = _ => QrsDetectors.Names[0],
        };
        detector.AcceptOnlyFromAmong([.. QrsDetectors.Names]);
        var jobs = new Option<int>("--jobs") { Description = "Records annotated at once on this machine (reading, detection and cutting in parallel; one prediction at a time).", DefaultValueFactory = _ => 1 };
        var shard = new Option<string>("--shard")
        {
            Description = "Annotate only shard I of N of the record list (I from 1), e.g. --shard $SLURM_ARRAY_TASK_ID/16: the N shards of one list are disjoint and cover it (docs/records.md).",
            DefaultValueFactory = _ => Shard.All.ToString(),
            HelpName = "I/N",
        };
        var forceOption = new Option<bool>("--force") { Description = "Annotate again records whose files this model and these options already made (they are skipped otherwise)." };
        var command = new Command("annotate", "Detect and classify every beat of raw records, cut as the model's training beats were; write WFDB annotations (N, S, V, F, Q) and a CSV. Scales to archives: folders, RECORDS lists, patterns, --jobs, --shard, resume.")
        {
            records, model, output, extension, channel, device, detector, jobs, shard, forceOption,
        };
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield();
            string ext = parse.GetValue(extension)!;
            if (SafeNames.WhyNotAnnotatorName(ext) is { } badExt)
                throw new InvalidInputException($"--ext {Quote.Short(ext)}: {badExt}");
            int parallel = parse.GetValue(jobs);
            if (parallel < 1) throw new InvalidInputException($"--jobs {parallel}: must be at least 1");
            var part = Shard.Parse(parse.GetValue(shard)!);
            string outFolder = OutputFolder.Prepare(parse.GetValue(output)!);
            string? dataDirectory = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory;
            var all = RecordList.Expand(parse.GetValue(records)!, dataDirectory);
            var clash = all.GroupBy(RecordPath.Name).FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
                throw new InvalidInputException($"two records are named {clash.Key} ({string.Join(", ", clash.Take(2))}); their annotation files would collide in {outFolder}: annotate them into separate --out folders");
            var mine = part.Of(all);

            string modelFolder = parse.GetValue(model) ?? (Directory.Exists(RunFolder.DefaultAnnotationModel)
                ? RunFolder.DefaultAnnotationModel
                : throw new DirectoryNotFoundException($"no --model given, and the default model {RunFolder.DefaultAnnotationModel} is not there: run 'ecgbeats run' here first (it trains it), or name a model folder with --model"));
            int? chosen = parse.GetValue(channel);
            string detectorName = parse.GetValue(detector)!;
            // Opened before its card is stamped, so that a folder that is not a model gets the registry's message.
            using var classifier = new SerializedClassifier(EcgBeatsApp.Models.Open(modelFolder, parse.GetValue(device)!));
            string made = AnnotationStamp.Of(modelFolder, detectorName, chosen);
            var error = parse.InvocationConfiguration.Error;
            var console = Terminal.For(parse.InvocationConfiguration.Output);
            bool force = parse.GetValue(forceOption);
            var stamps = new AnnotationStamp?[mine.Count];
            var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
            var gate = new Lock();

            void AnnotateOne(int i, Action<AnnotationStamp, bool> done)
            {
                string path = mine[i];
                string name = RecordPath.Name(path);
                string annotationFile = Path.Combine(outFolder, $"{name}.{ext}");
                string csvFile = annotationFile + ".csv";
                if (!force && AnnotationStamp.Finished(annotationFile, csvFile, made) is { } finished)
                {
                    stamps[i] = finished;
                    done(finished, true);
                    return;
                }
                try
                {
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    var record = RecordReader.Read(path);
                    var result = new RecordAnnotator(classifier, QrsDetectors.Create(detectorName)).Annotate(record, name, chosen is int c ? [c] : null);
                    var counts = Beats.AamiMapping.Classes.Select(k => result.Beats.Count(b => b.Class == k)).ToList();
                    var stamp = new AnnotationStamp(name, made, result.Beats.Count, counts, Math.Round(started.Elapsed.TotalSeconds, 3));
                    // The annotation file, its CSV and its stamp go into place together, under the folder's lock: two
                    // processes annotating into one folder cannot pair one model's annotations with another's CSV.
                    using (var files = new FileSet(outFolder))
                    {
                        AnnotationWriter.WriteFile(files.Stage(Path.GetFileName(annotationFile)), result.ToAnnotations());
                        AtomicFile.WriteAllText(files.Stage(Path.GetFileName(csvFile)), Csv(result, classifier.Card.Classes));
                        JsonFile.Write(files.Stage(Path.GetFileName(AnnotationStamp.PathFor(annotationFile))), stamp);
                        files.Commit();
                    }
                    lock (gate) foreach (string warning in result.Warnings) error.WriteLine($"warning: {warning}");
                    stamps[i] = stamp;
                    done(stamp, false);
                }
                catch (Exception e) when (mine.Count > 1 && Failures.Classify(e) is { Code: not ExitCode.Interrupted } known)
                {
                    failures[name] = known.Message; // one bad record in an archive does not stop the others
                }
            }

            void RunAll(Action<AnnotationStamp, bool> done)
            {
                try { Parallel.For(0, mine.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancel }, i => AnnotateOne(i, done)); }
                catch (AggregateException e) when (e.InnerExceptions.Count > 0)
                {
                    // A failure that stops the run (one record, or an interrupt): the user sees it, not its wrapper.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                }
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (console.Profile.Capabilities.Interactive && mine.Count > 1)
            {
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask($"{mine.Count:N0} records", maxValue: mine.Count);
                        long beats = 0;
                        RunAll((stamp, skipped) =>
                        {
                            lock (gate)
                            {
                                if (!skipped) beats += stamp.Beats;
                                task.Increment(1);
                                task.Description = $"{task.Value:N0}/{mine.Count:N0} records, {beats / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} beats/s";
                            }
                        });
                    });
            }
            else
            {
                RunAll((stamp, skipped) =>
                {
                    string counts = string.Join(", ", Beats.AamiMapping.Classes.Select((k, j) => $"{k} {stamp.Counts[j]:N0}"));
                    lock (gate)
                        parse.InvocationConfiguration.Output.WriteLine(skipped
                            ? $"{stamp.Record}: already annotated by this model ({stamp.Beats:N0} beats); skipped"
                            : $"{stamp.Record}: {stamp.Beats:N0} beats ({counts}) in {stamp.Seconds:0.00} s -> {Path.Combine(outFolder, $"{stamp.Record}.{ext}")}, {stamp.Record}.{ext}.csv");
                });
            }

            string summary = Path.Combine(outFolder, part == Shard.All ? $"summary.{ext}.csv" : $"summary.{ext}.shard-{part.Index}-of-{part.Count}.csv");
            AtomicFile.WriteAllText(summary, Summary(mine.Select(RecordPath.Name).ToList(), stamps, failures));
            int done = stamps.Count(s => s is not null);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{done:N0} of {mine.Count:N0} records annotated{(part == Shard.All ? "" : $" (shard {part} of {all.Count:N0} records)")} in {watch.Elapsed.TotalSeconds:0.0} s; summary -> {summary}");
            if (failures.IsEmpty) return (int)ExitCode.Success;
            foreach (var (record, why) in failures.OrderBy(f => f.Key, StringComparer.Ordinal))
                error.WriteLine($"ecgbeats annotate: {record}: {why}");
            error.WriteLine($"ecgbeats annotate: {failures.Count} record(s) failed; the others are annotated (run again to retry only the failed ones).");
            return (int)ExitCode.BadInput;
        });
        return command;
    }

    /// <summary>One row per record: its beats per class, time taken, and whether it is done or failed.</summary>
    private static string Summary(IReadOnlyList<string> names, AnnotationStamp?[] stamps, IReadOnlyDictionary<string, string> failures)
    {
        var text = new StringBuilder("record,status,beats,N,S,V,F,Q,seconds\n");
        for (int i = 0; i < names.Count; i++)
        {
            if (stamps[i] is { } s)
                text.Append(s.Record).Append(",annotated,").Append(s.Beats).Append(',').Append(string.Join(",", s.Counts)).Append(',')
                    .Append(s.Seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
            else
                text.Append(names[i]).Append(failures.ContainsKey(names[i]) ? ",failed" : ",not done").Append(",,,,,,,\n");
        }
        return text.ToString();
    }

    /// <summary>One row per beat: sample, time in seconds, class, and the model's probability of each class.</summary>
    private static string Csv(AnnotatedRecord result, IReadOnlyList<string> classes)
    {
        var text = new StringBuilder();
        text.Append("sample,time_s,class,").Append(string.Join(",", classes.Select(c => "p_" + c))).Append('\n');
        foreach (var beat in result.Beats)
        {
            text.Append(beat.Sample).Append(',')
                .Append((beat.Sample / result.SamplingFrequency).ToString("0.000", CultureInfo.InvariantCulture)).Append(',')
                .Append(beat.Class);
            foreach (float p in beat.Probabilities) text.Append(',').Append(p.ToString("0.######", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }
}
