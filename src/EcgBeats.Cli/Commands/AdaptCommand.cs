using System.CommandLine;
using System.Globalization;
using EcgBeats.Adaptation;
using EcgBeats.Annotators;
using EcgBeats.Beats;
using EcgBeats.Io;
using EcgBeats.PhysioNet;
using EcgBeats.Runs;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats adapt RECORD --labels ANN --out DIR</c>: a patient model from a base model and the record's beats an analyst
/// labelled (<see cref="PatientAdaptation"/>); <c>annotate RECORD --model DIR</c> then uses it like any model.
/// </summary>
internal static class AdaptCommand
{
    public static Command Create()
    {
        var record = new Argument<string>("RECORD") { Description = "The record (a path without extension, or a name in the data folder)." };
        var labels = new Option<string?>("--labels")
        {
            Description = "The annotation file with the labelled beats, by its extension next to the record (e.g. atr, or an analyst's file); its beat labels inside the span train the patient model. Give this or --sheet.",
            HelpName = "ANNOTATOR",
        };
        var sheet = new Option<string?>("--sheet")
        {
            Description = "A labelling sheet from 'ecgbeats review', its label column filled: the confirmed beats, and (with the review's clusters.csv beside it) their clusters, train the patient model. Give this or --labels; use the base model the review used.",
            HelpName = "FILE",
        };
        var from = new Option<string>("--from") { Description = "Start of the labelled span, as M:SS or seconds.", DefaultValueFactory = _ => "0:00", HelpName = "TIME" };
        var until = new Option<string>("--until") { Description = "End of the labelled span, as M:SS or seconds (EC57: the first 5 minutes may train; scoring starts there).", DefaultValueFactory = _ => "5:00", HelpName = "TIME" };
        var model = BaseModelOption();
        var output = new Option<string>("--out") { Description = "The patient model's folder (its card names the base model's folder; keep both).", Required = true, HelpName = "DIR" };
        var command = new Command("adapt",
            "Make a patient model: the base model and linear discriminants trained on this record's labelled beats, their probabilities mixed (de Chazal & Reilly 2006; the method DS1 chose: docs/patient-adaptive.md).")
        {
            record, labels, sheet, from, until, model, output,
        };
        command.SetAction(parse =>
        {
            string? annotator = parse.GetValue(labels), sheetPath = parse.GetValue(sheet);
            if ((annotator is null) == (sheetPath is null)) throw new InvalidInputException("give --labels ANNOTATOR (an annotation file) or --sheet FILE (a filled review sheet), one of them");
            if (annotator is not null && SafeNames.WhyNotAnnotatorName(annotator) is { } badName) throw new InvalidInputException($"--labels {Quote.Short(annotator)}: {badName}");
            if (sheetPath is not null && (parse.GetResult(from) is { Implicit: false } || parse.GetResult(until) is { Implicit: false }))
                throw new InvalidInputException("--from and --until say which span of an annotation file is labelled; a sheet's labelled beats are its rows (drop them, or use --labels)");
            double start = Seconds(parse.GetValue(from)!, "--from"), end = Seconds(parse.GetValue(until)!, "--until");
            if (!(end > start)) throw new InvalidInputException($"--until {parse.GetValue(until)}: must come after --from {parse.GetValue(from)}");
            string path = RecordPath.Resolve(parse.GetValue(record)!, DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory);
            string name = RecordPath.Name(path);
            string baseFolder = BaseModelFolder(parse.GetValue(model));
            string outFolder = Path.GetFullPath(parse.GetValue(output)!);
            if (string.Equals(outFolder, baseFolder, StringComparison.Ordinal) || baseFolder.StartsWith(outFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidInputException($"--out {parse.GetValue(output)}: that folder holds the base model; the patient model needs a folder of its own");
            var annotations = annotator is null ? null : AnnotationReader.ReadFile(RecordPath.Annotations(path, annotator));
            var sheetLabels = sheetPath is null ? null : LabellingSheet.Read(sheetPath, name);
            var wfdb = RecordReader.Read(path);
            var baseModel = EcgBeatsApp.Models.Open(baseFolder);
            PatientModelOutcome? outcome = null;
            try
            {
                if (sheetPath is not null)
                {
                    string clustersPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sheetPath))!, LabellingSheet.ClustersFileName);
                    var clusters = File.Exists(clustersPath) ? LabellingSheet.ReadClusters(clustersPath) : null;
                    outcome = RecordAdaptation.FromSheet(baseModel, baseFolder, wfdb, name, sheetLabels!, clusters, sheetPath);
                }
                else
                {
                    outcome = RecordAdaptation.FromAnnotations(baseModel, baseFolder, wfdb, name, annotations!, annotator!, start, end);
                }
                foreach (string note in outcome.Notes) parse.InvocationConfiguration.Error.WriteLine($"warning: {note}");
                OutputFolder.Prepare(outFolder);
                outcome.Model.Save(outFolder);
                parse.InvocationConfiguration.Output.WriteLine($"{outcome.Summary}; base model {baseModel.Name} ({baseFolder}) -> {outFolder}");
            }
            finally
            {
                if (outcome is not null) outcome.Model.Dispose(); else baseModel.Dispose();
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>The base model option <c>adapt</c> and <c>review</c> share.</summary>
    internal static Option<string?> BaseModelOption() => new("--model")
    {
        Description = $"The base model's folder. Default: {RunFolder.DefaultAnnotationModel}, the model for new patients 'ecgbeats run' trains on DS1.",
        HelpName = "DIR",
    };

    /// <summary>The base model's folder: the one named, else the run's default model for new patients.</summary>
    /// <exception cref="DirectoryNotFoundException">None named and no default.</exception>
    internal static string BaseModelFolder(string? named) => Path.GetFullPath(named ?? (Directory.Exists(RunFolder.DefaultAnnotationModel)
        ? RunFolder.DefaultAnnotationModel
        : throw new DirectoryNotFoundException($"no --model given, and the default model {RunFolder.DefaultAnnotationModel} is not there: run 'ecgbeats run' here first (it trains it), or name a base model with --model")));

    /// <summary>M:SS, H:MM:SS or seconds.</summary>
    private static double Seconds(string text, string option)
    {
        double total = 0;
        string[] parts = text.Split(':');
        if (parts.Length > 3) throw new InvalidInputException($"{option} {Quote.Short(text)}: expected M:SS, H:MM:SS or seconds");
        foreach (string part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0) || !double.IsFinite(value))
                throw new InvalidInputException($"{option} {Quote.Short(text)}: expected M:SS, H:MM:SS or seconds");
            total = total * 60 + value;
        }
        return total;
    }
}
