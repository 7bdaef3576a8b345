using System.CommandLine;
using System.Globalization;
using System.Text;
using EcgBeats.Annotators;
using Spectre.Console;
using EcgBeats.Classification;
using EcgBeats.PhysioNet;
using EcgBeats.Dsp;
using EcgBeats.Io;
using EcgBeats.Runs;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats annotate RECORD... --model DIR</c>: finds the beats of raw records (the QRS detector chosen with
/// <c>--detector</c>: Elgendi 2010 by default, or Pan–Tompkins 1985), classifies them, and writes a WFDB annotation file
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
            Description = "QRS detector: elgendi2010 (two moving averages; fewer errors than WFDB gqrs on MIT-BIH at 360, 250 and 128 Hz, docs/records.md) or pantompkins1985 (Pan and Tompkins 1985).",
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
        var noRhythm = new Option<bool>("--no-rhythm")
        {
            Description = "Beats only, as the model calls them: no AF detection, no rhythm annotations, no S calls made N inside AF (docs/rhythm.md).",
        };
        var forceOption = new Option<bool>("--force") { Description = "Annotate again records whose files this model and these options already made (they are skipped otherwise)." };
        var command = new Command("annotate", "Detect and classify every beat of raw records, cut as the model's training beats were; find atrial fibrillation; write WFDB annotations (N, S, V, F, Q and rhythm changes) and a CSV. Scales to archives: folders, RECORDS lists, patterns, --jobs, --shard, resume.")
        {
            records, model, output, extension, channel, device, detector, noRhythm, jobs, shard, forceOption,
        };
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield();
            string ext = parse.GetValue(extension)!;
            if (SafeNames.WhyNotAnnotatorName(ext) is { } badExt)
                throw new InvalidInputException($"--ext {Quote.Short(ext)}: {badExt}");
            int parallel = parse.GetValue(jobs);
            if (parallel < 1) throw new InvalidInputException($"--jobs {parallel}: must be at least 1");
            Shard part;
            try { part = Shard.Parse(parse.GetValue(shard)!); }
            catch (InvalidInputException e) { throw new InvalidInputException($"--shard: {e.Message}"); }
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
            // A patient model knows one patient: say so once when it is asked to annotate others.
            if (classifier.Card.Model == Adaptation.AdaptedClassifier.ModelName && classifier.Card.Hyperparameters.TryGetValue("record", out string? patient)
                && mine.Select(RecordPath.Name).Where(n => n != patient).ToList() is { Count: > 0 } others)
                parse.InvocationConfiguration.Error.WriteLine(
                    $"warning: {modelFolder} is a patient model made from record {patient}; {others.Count:N0} of these records ({string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", ..." : "")}) are not that record, and it was not made for them");
            // The first line says which model annotates: the default may be either of two (RunFolder.DefaultAnnotationModel).
            parse.InvocationConfiguration.Output.WriteLine($"Model: {modelFolder} ({Describe(classifier.Card)})");
            bool rhythm = !parse.GetValue(noRhythm);
            var annotator = new ArchiveAnnotator(classifier, AnnotationStamp.Of(modelFolder, detectorName, chosen, rhythm), outFolder)
            {
                Extension = ext, Detector = detectorName, Signals = chosen is int c ? [c] : null, Rhythm = rhythm,
                Force = parse.GetValue(forceOption), Parallelism = parallel,
            };
            string summaryName = part == Shard.All ? $"summary.{ext}.csv" : $"summary.{ext}.shard-{part.Index}-of-{part.Count}.csv";
            var error = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var console = Terminal.For(stdout);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ArchiveResult? result = null;
            if (console.Profile.Capabilities.Interactive && mine.Count > 1)
            {
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask($"{mine.Count:N0} records", maxValue: mine.Count);
                        long beats = 0;
                        result = annotator.Annotate(mine, summaryName, new SynchronousProgress<RecordOutcome>(o =>
                        {
                            foreach (string warning in o.Warnings) error.WriteLine($"warning: {warning}");
                            if (o is { Skipped: false, Stamp: { } s }) beats += s.Beats;
                            task.Increment(1);
                            task.Description = $"{task.Value:N0}/{mine.Count:N0} records, {beats / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} beats/s";
                        }), cancel);
                    });
            }
            else
            {
                result = annotator.Annotate(mine, summaryName, new SynchronousProgress<RecordOutcome>(o =>
                {
                    foreach (string warning in o.Warnings) error.WriteLine($"warning: {warning}");
                    if (o.Stamp is not { } stamp) return;
                    string counts = string.Join(", ", Beats.AamiMapping.Classes.Select((k, j) => $"{k} {stamp.Counts[j]:N0}"));
                    stdout.WriteLine(o.Skipped
                        ? $"{stamp.Record}: already annotated by this model ({stamp.Beats:N0} beats); skipped"
                        : $"{stamp.Record}: {stamp.Beats:N0} beats ({counts}) in {stamp.Seconds:0.00} s -> {Path.Combine(outFolder, $"{stamp.Record}.{ext}")}, {stamp.Record}.{ext}.csv");
                }), cancel);
            }

            stdout.WriteLine(
                $"{result!.Annotated:N0} of {mine.Count:N0} records annotated{(part == Shard.All ? "" : $" (shard {part} of {all.Count:N0} records)")} in {watch.Elapsed.TotalSeconds:0.0} s; summary -> {result.SummaryFile}");
            if (result.Failures.Count == 0) return (int)ExitCode.Success;
            foreach (var (record, why) in result.Failures.OrderBy(f => f.Key, StringComparer.Ordinal))
                error.WriteLine($"ecgbeats annotate: {record}: {why}");
            error.WriteLine($"ecgbeats annotate: {result.Failures.Count} record(s) failed; the others are annotated (run again to retry only the failed ones).");
            return (int)ExitCode.BadInput;
        });
        return command;
    }

    /// <summary>A model in a few words: its kind and what it was trained on.</summary>
    private static string Describe(ModelCard card) =>
        card.Provenance is { } p && p.ContainsKey("trainedOn")
            ? $"{card.Model}, the declared new-patient recipe trained on all 44 non-paced MIT-BIH patients, no held-out patients of its own"
            : card.TrainingData is { } data ? $"{card.Model}, trained on {data.File}" : card.Model;
}
