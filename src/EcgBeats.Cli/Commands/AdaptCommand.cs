using System.CommandLine;
using System.Globalization;
using EcgBeats.Adaptation;
using EcgBeats.Annotators;
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
        var labels = new Option<string>("--labels")
        {
            Description = "The annotation file with the labelled beats, by its extension next to the record (e.g. atr, or an analyst's file); its beat labels inside the span train the patient model.",
            HelpName = "ANNOTATOR",
            Required = true,
        };
        var from = new Option<string>("--from") { Description = "Start of the labelled span, as M:SS or seconds.", DefaultValueFactory = _ => "0:00", HelpName = "TIME" };
        var until = new Option<string>("--until") { Description = "End of the labelled span, as M:SS or seconds (EC57: the first 5 minutes may train; scoring starts there).", DefaultValueFactory = _ => "5:00", HelpName = "TIME" };
        var model = new Option<string?>("--model")
        {
            Description = $"The base model's folder. Default: {RunFolder.DefaultAnnotationModel}, the model for new patients 'ecgbeats run' trains on DS1.",
            HelpName = "DIR",
        };
        var output = new Option<string>("--out") { Description = "The patient model's folder (its card names the base model's folder; keep both).", Required = true, HelpName = "DIR" };
        var command = new Command("adapt",
            "Make a patient model: the base model and linear discriminants trained on this record's labelled beats, their probabilities mixed (de Chazal & Reilly 2006; the method DS1 chose: docs/patient-adaptive.md).")
        {
            record, labels, from, until, model, output,
        };
        command.SetAction(parse =>
        {
            string annotator = parse.GetValue(labels)!;
            if (SafeNames.WhyNotAnnotatorName(annotator) is { } badName) throw new InvalidInputException($"--labels {Quote.Short(annotator)}: {badName}");
            double start = Seconds(parse.GetValue(from)!, "--from"), end = Seconds(parse.GetValue(until)!, "--until");
            if (!(end > start)) throw new InvalidInputException($"--until {parse.GetValue(until)}: must come after --from {parse.GetValue(from)}");
            string path = RecordPath.Resolve(parse.GetValue(record)!, DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory);
            string name = RecordPath.Name(path);
            string baseFolder = Path.GetFullPath(parse.GetValue(model) ?? (Directory.Exists(RunFolder.DefaultAnnotationModel)
                ? RunFolder.DefaultAnnotationModel
                : throw new DirectoryNotFoundException($"no --model given, and the default model {RunFolder.DefaultAnnotationModel} is not there: run 'ecgbeats run' here first (it trains it), or name a base model with --model")));
            string outFolder = Path.GetFullPath(parse.GetValue(output)!);
            if (string.Equals(outFolder, baseFolder, StringComparison.Ordinal) || baseFolder.StartsWith(outFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidInputException($"--out {parse.GetValue(output)}: that folder holds the base model; the patient model needs a folder of its own");
            var annotations = AnnotationReader.ReadFile(RecordPath.Annotations(path, annotator));
            var wfdb = RecordReader.Read(path);
            var span = new LabelledSpan(name, annotator, start, Math.Min(end, wfdb.Length / wfdb.SamplingFrequency));
            var baseModel = EcgBeatsApp.Models.Open(baseFolder);
            AdaptedClassifier? adapted = null;
            try
            {
                var (found, _, _, warnings) = new RecordAnnotator(baseModel).Cut(wfdb, name);
                foreach (string warning in warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
                var labelled = PatientAdaptation.Label(found, annotations, wfdb.SamplingFrequency, span);
                adapted = PatientAdaptation.Adapt(baseModel, baseFolder, labelled, span, new AdaptationSettings());
                OutputFolder.Prepare(outFolder);
                adapted.Save(outFolder);
                var counts = labelled.ClassCounts();
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{name}: {labelled.Count:N0} labelled beats in {span} ({string.Join(", ", Beats.AamiMapping.Classes.Select((c, i) => $"{c} {counts[i]:N0}"))}); " +
                    $"classes learnt from them: {string.Join(" ", adapted.Local.Classes.Select(c => Beats.AamiMapping.Classes[c]))}; base model {baseModel.Name} ({baseFolder}) -> {outFolder}");
            }
            finally
            {
                if (adapted is not null) adapted.Dispose(); else baseModel.Dispose();
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

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
