using System.CommandLine;
using System.Globalization;
using System.Text;
using EcgBeats.Datasets;
using EcgBeats.Io;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats predict</c>: class and probabilities for every beat of a file, with a saved model.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model folder (model.json + weights).", Required = true, HelpName = "DIR" };
        var input = new Option<string>("--input") { Description = "Beats: a Kaggle-layout CSV, with labels (188 columns) or without (187); cut as the model's beats were (checked against the dataset.json beside it, when there is one).", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = "Predictions CSV: row, class, the five probabilities (and the label, when the input has one).", Required = true, HelpName = "FILE" };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var command = new Command("predict", "Classify the beats of a CSV file with a saved model.") { model, input, output, device };
        command.SetAction(parse =>
        {
            OutputFolder.PrepareFile(parse.GetValue(output)!);
            // Never over the beats it reads, nor over a file of the model.
            OutputFolder.CheckNotAnInput(parse.GetValue(output)!,
                [parse.GetValue(input)!, .. Directory.Exists(parse.GetValue(model)!) ? Directory.GetFiles(parse.GetValue(model)!) : []]);
            using var classifier = EcgBeatsApp.Models.Open(parse.GetValue(model)!, parse.GetValue(device)!);
            string inputFile = parse.GetValue(input)!;
            var (beats, labels) = DatasetFiles.ReadBeats(inputFile);
            classifier.Card.CheckInput(beats, inputFile);
            var probabilities = classifier.Predict(beats);

            var classes = classifier.Card.Classes;
            var text = new StringBuilder();
            text.Append("row,class,").Append(string.Join(",", classes.Select(c => "p_" + c)));
            if (labels is not null) text.Append(",label");
            text.Append('\n');
            for (int i = 0; i < beats.Count; i++)
            {
                text.Append(i + 1).Append(',').Append(classes[probabilities.Predicted(i)]);
                foreach (float p in probabilities.Row(i)) text.Append(',').Append(p.ToString("0.######", CultureInfo.InvariantCulture));
                if (labels is not null) text.Append(',').Append(classes[labels[i]]);
                text.Append('\n');
            }
            string outputFile = parse.GetValue(output)!;
            AtomicFile.WriteAllText(outputFile, text.ToString());
            var predicted = probabilities.PredictedClasses();
            string summary = string.Join(", ", classes.Select((c, k) => $"{c} {predicted.Count(p => p == k):N0}"));
            parse.InvocationConfiguration.Output.WriteLine($"{beats.Count:N0} beats classified by {classifier.Name} ({summary}) -> {outputFile}");
            if (labels is not null)
            {
                double accuracy = predicted.Zip(labels).Count(p => p.First == p.Second) / (double)Math.Max(1, beats.Count);
                parse.InvocationConfiguration.Output.WriteLine($"accuracy against the file's labels: {Percent.Of(accuracy)}");
            }
            return (int)ExitCode.Success;
        });
        return command;
    }
}
