using System.CommandLine;
using EcgBeats.Adaptation;
using EcgBeats.Io;
using EcgBeats.PhysioNet;
using EcgBeats.Reports.Writers;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats review RECORD --out DIR</c>: the few beats of a record an analyst should confirm (<see cref="BeatReview"/>),
/// as a labelling sheet and a page with each beat in its context; <c>adapt --sheet</c> then learns the patient from them.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var defaults = new ReviewSettings();
        var record = new Argument<string>("RECORD") { Description = "The record (a path without extension, or a name in the data folder)." };
        var beats = new Option<int>("--beats") { Description = "How many beats to ask about: the record's beats fall into this many clusters (by shape and rhythm), and each cluster's most typical beat is asked about, largest cluster first (DS1's choice: docs/patient-adaptive.md).", DefaultValueFactory = _ => defaults.Beats, HelpName = "N" };
        var model = AdaptCommand.BaseModelOption();
        var seed = new Option<int>("--seed") { Description = "Seed of the clustering.", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<string>("--out") { Description = "The review's folder: sheet.csv (fill its label column), clusters.csv, review.html / review.md and figures/.", Required = true, HelpName = "DIR" };
        var command = new Command("review",
            "Choose the beats of a record an analyst should confirm (the most typical beat of each cluster of its beats, by shape and rhythm) and write them as a labelling sheet with a picture of each; 'adapt --sheet' learns the patient from the filled sheet.")
        {
            record, beats, model, seed, output,
        };
        command.SetAction(parse =>
        {
            var settings = (defaults with { Beats = parse.GetValue(beats), Seed = parse.GetValue(seed) }).Validated();
            string path = RecordPath.Resolve(parse.GetValue(record)!, DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory);
            string name = RecordPath.Name(path);
            string baseFolder = AdaptCommand.BaseModelFolder(parse.GetValue(model));
            string outFolder = OutputFolder.Prepare(parse.GetValue(output)!);
            var wfdb = RecordReader.Read(path);
            using var baseModel = EcgBeatsApp.Models.Open(baseFolder);
            var review = BeatReview.Review(wfdb, name, baseModel, MlNet.Clustering.KMeansBeatClusterer.Instance, settings);
            foreach (string warning in review.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            string page = ReviewPage.Write(review, wfdb, $"{baseModel.Name} ({baseFolder})", settings, outFolder);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{name}: {review.Beats.Count:N0} beats in {review.Selection.Clusters.Count} clusters; {review.Selection.Chosen.Count} to confirm " +
                $"({string.Join(", ", review.Selection.Chosen.GroupBy(b => b.Reason).Select(g => $"{g.Count()} {g.Key}"))}) -> {Path.Combine(outFolder, LabellingSheet.FileName)}, {page}");
            return (int)ExitCode.Success;
        });
        return command;
    }
}
