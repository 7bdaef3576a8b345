using System.CommandLine;
using System.Diagnostics;
using EcgBeats.Beats;
using EcgBeats.PhysioNet;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary><c>ecgbeats build-dataset</c>: rebuild the Kaggle-layout beat files from the raw records.</summary>
internal static class BuildDatasetCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write mitbih_train.csv, mitbih_test.csv, their provenance and dataset.json.", Required = true, HelpName = "DIR" };
        var split = new Option<SplitKind>("--split") { Description = "intra: stratified random 80/20 over beats (as Kaggle); inter: de Chazal DS1 -> DS2.", DefaultValueFactory = _ => SplitKind.Intra };
        var seed = new Option<int>("--seed") { Description = "Seed of the random split.", DefaultValueFactory = _ => 42 };
        var filter = new Option<FilterKind>("--filter") { Description = "Filtering of each record before segmentation (none reproduces Kaggle).", DefaultValueFactory = _ => FilterKind.None };
        var representation = new Option<string>("--representation", "--segmenter")
        {
            Description = $"How beats are cut and scaled: {BeatRepresentations.Summaries}. ('kaggle' means kaggle-mitbih.)",
            DefaultValueFactory = _ => BeatRepresentations.Names[0],
        };
        representation.AcceptOnlyFromAmong([.. BeatRepresentations.Names, "kaggle"]);
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of each class held out (intra split).", DefaultValueFactory = _ => 0.2 };
        var mains = new Option<double>("--mains") { Description = "Mains frequency for the notch, Hz.", DefaultValueFactory = _ => 60 };
        var command = new Command("build-dataset", "Build labelled beat datasets (train and test files and their dataset.json) from the raw MIT-BIH records.")
        {
            output, split, seed, filter, representation, testFraction, mains,
        };
        command.SetAction(async (parse, cancel) =>
        {
            // Run on a worker thread: Ctrl+C then only cancels the token, and the work stops cleanly at its next check.
            await Task.Yield();
            var data = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption));
            string asked = parse.GetValue(representation)!;
            var chosen = BeatRepresentations.Create(asked == "kaggle" ? KaggleMitBihRepresentation.Name : asked,
                new FilterOptions(parse.GetValue(filter), MainsHz: parse.GetValue(mains)));
            double fraction = parse.GetValue(testFraction);
            if (!(fraction > 0 && fraction < 1)) throw new InvalidInputException($"--test-fraction {fraction}: must lie between 0 and 1");
            var recipe = new DatasetRecipe(chosen, parse.GetValue(split), fraction, parse.GetValue(seed));
            string folder = DatasetWriter.CheckTarget(parse.GetValue(output)!); // before minutes of work, not after
            var console = Terminal.For(parse.InvocationConfiguration.Output);

            console.MarkupLineInterpolated($"Building the [bold]{recipe.Split.ToString().ToLowerInvariant()}[/]-patient dataset from [bold]{data.Directory}[/]");
            var watch = Stopwatch.StartNew();
            var built = Run(console, data.Directory, recipe, cancel);
            var card = DatasetWriter.Write(folder, built, cancel);

            var table = new Table().AddColumns("split", "N", "S", "V", "F", "Q", "total");
            foreach (var (name, c) in new[] { ("train", built.Card.TrainCounts), ("test", built.Card.TestCounts) })
                table.AddRow(name, c.N.ToString("N0"), c.S.ToString("N0"), c.V.ToString("N0"), c.F.ToString("N0"), c.Q.ToString("N0"), c.Total.ToString("N0"));
            console.Write(table);
            foreach (string note in card.LeadNotes) console.MarkupLineInterpolated($"[yellow]note[/]: {note}");
            console.WriteLine($"Wrote {folder} ({watch.Elapsed.TotalSeconds:0.0} s): {string.Join(", ", card.Files.Select(f => f.Name))}, {DatasetCard.FileName}");
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static BuiltDataset Run(IAnsiConsole console, string dataDirectory, DatasetRecipe recipe, CancellationToken cancel)
    {
        // The library says what is wrong with the folder; the command line says what to do about it.
        try { return Build(console, dataDirectory, recipe, cancel); }
        catch (DirectoryNotFoundException e) { throw new DirectoryNotFoundException($"{e.Message}: run 'ecgbeats fetch', or give --data", e); }
        catch (FileNotFoundException e) when (e.FileName is null) { throw new FileNotFoundException($"{e.Message}; run 'ecgbeats fetch', or give --data", e); }
    }

    private static BuiltDataset Build(IAnsiConsole console, string dataDirectory, DatasetRecipe recipe, CancellationToken cancel)
    {
        if (!console.Profile.Capabilities.Interactive)
            return DatasetBuilder.Build(dataDirectory, recipe, null, cancel);
        BuiltDataset? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                int records = recipe.Split == SplitKind.Intra
                    ? DatasetBuilder.RecordsIn(dataDirectory).Count
                    : DeChazal2004Split.Ds1.Count + DeChazal2004Split.Ds2.Count;
                var task = context.AddTask("records", maxValue: records);
                var progress = new Progress<string>(_ => task.Increment(1));
                result = DatasetBuilder.Build(dataDirectory, recipe, progress, cancel);
                task.Value = task.MaxValue;
            });
        return result!;
    }
}
