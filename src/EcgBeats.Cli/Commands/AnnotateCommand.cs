using System.CommandLine;
using System.Globalization;
using System.Text;
using EcgBeats.Classification;
using EcgBeats.Data;
using EcgBeats.Dsp;
using EcgBeats.Io;
using EcgBeats.Runs;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats annotate RECORD... --model DIR</c>: finds the beats of raw records (Pan–Tompkins), classifies
/// them, and writes a WFDB annotation file and a CSV per record.
/// </summary>
internal static class AnnotateCommand
{
    /// <summary>The default annotator name (file extension) of the annotations written.</summary>
    public const string DefaultExtension = "ecgbeats";

    public static Command Create()
    {
        var records = new Argument<string[]>("RECORD") { Description = "Records: names in the data folder (100) or paths (mitdb/100, mitdb/100.hea).", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model")
        {
            Description = $"A model folder (model.json + weights), e.g. from 'ecgbeats train' or 'ecgbeats run'. Default: {RunFolder.DefaultAnnotationModel}, the model for new patients that 'ecgbeats run' trains on DS1 (docs/inter-patient.md).",
            HelpName = "DIR",
        };
        var output = new Option<string>("--out") { Description = "Folder for RECORD.<ext> and RECORD.<ext>.csv.", DefaultValueFactory = _ => ".", HelpName = "DIR" };
        var extension = new Option<string>("--ext") { Description = "Annotator name: the annotation file's extension.", DefaultValueFactory = _ => DefaultExtension };
        var channel = new Option<int?>("--channel") { Description = "Which signal to read (from 0), instead of the lead the model's representation names (e.g. MLII, or the first signal for Kaggle-cut models)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var detector = new Option<string>("--detector")
        {
            Description = "QRS detector: pantompkins1985 (Pan and Tompkins 1985) or elgendi2010 (two moving averages; fewer errors on MIT-BIH, docs/records.md).",
            DefaultValueFactory = _ => QrsDetectors.Names[0],
        };
        detector.AcceptOnlyFromAmong([.. QrsDetectors.Names]);
        var command = new Command("annotate", "Detect and classify every beat of raw records, cut as the model's training beats were; write WFDB annotations (N, S, V, F, Q) and a CSV.")
        {
            records, model, output, extension, channel, device, detector,
        };
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield();
            string ext = parse.GetValue(extension)!;
            if (ext.Length == 0 || ext.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
                throw new InvalidInputException($"--ext {ext}: an annotator name is letters, digits and '_'");
            string outFolder = OutputFolder.Prepare(parse.GetValue(output)!);
            string? dataDirectory = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory;
            string modelFolder = parse.GetValue(model) ?? (Directory.Exists(RunFolder.DefaultAnnotationModel)
                ? RunFolder.DefaultAnnotationModel
                : throw new DirectoryNotFoundException($"no --model given, and the default model {RunFolder.DefaultAnnotationModel} is not there: run 'ecgbeats run' here first (it trains it), or name a model folder with --model"));
            using var classifier = EcgBeatsApp.Models.Open(modelFolder, parse.GetValue(device)!);
            var annotator = new RecordAnnotator(classifier, QrsDetectors.Create(parse.GetValue(detector)!));
            int? chosen = parse.GetValue(channel);
            {
                foreach (string given in parse.GetValue(records)!)
                {
                    cancel.ThrowIfCancellationRequested();
                    string path = RecordPath.Resolve(given, dataDirectory);
                    string name = RecordPath.Name(path);
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    var record = RecordReader.Read(path);
                    var result = annotator.Annotate(record, name, chosen is int c ? [c] : null);
                    // The annotation file and its CSV go into place together, under the folder's lock: two processes
                    // annotating into one folder cannot pair one model's annotations with another's CSV.
                    string annotationFile = Path.Combine(outFolder, $"{name}.{ext}");
                    string csvFile = annotationFile + ".csv";
                    using (var files = new FileSet(outFolder))
                    {
                        AnnotationWriter.WriteFile(files.Stage(Path.GetFileName(annotationFile)), result.ToAnnotations());
                        AtomicFile.WriteAllText(files.Stage(Path.GetFileName(csvFile)), Csv(result, classifier.Card.Classes));
                        files.Commit();
                    }
                    foreach (string warning in result.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
                    string counts = string.Join(", ", Beats.AamiMapping.Classes.Select(c => $"{c} {result.Beats.Count(b => b.Class == c):N0}"));
                    parse.InvocationConfiguration.Output.WriteLine($"{name}: {result.Beats.Count:N0} beats ({counts}) in {started.Elapsed.TotalSeconds:0.00} s -> {annotationFile}, {Path.GetFileName(csvFile)}");
                }
            }
            return (int)ExitCode.Success;
        });
        return command;
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
