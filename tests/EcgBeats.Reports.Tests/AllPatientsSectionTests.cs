using EcgBeats.Classification;
using EcgBeats.Reports.Writers;
using EcgBeats.Runs;
using EcgBeats.TestSupport;

namespace EcgBeats.Reports.Tests;

/// <summary>The report's paragraph on the model for new records (#27), from a hand-made card.</summary>
public sealed class AllPatientsSectionTests
{
    [Fact]
    public void TheReportSaysWhatTheModelForNewRecordsWasTrainedOnAndWhatStandsForIt()
    {
        var card = new ModelCard
        {
            Model = "ensemble-classwise",
            Framework = "hand-made",
            Hyperparameters = new Dictionary<string, string>(),
            Representation = new Representations.KaggleMitBihRepresentation().Recipe,
            TrainingData = new TrainingData("the 44 records", "0", [1000, 200, 300, 40, 2], 150, "by record: 9 records held out", "f", "none"),
            Provenance = new Dictionary<string, string>
            {
                ["trainedOn"] = "records A and B",
                ["heldOutPatients"] = "none of its own",
                ["recipe"] = "the declared recipe",
                ["standsFor"] = "the DS1-only model's DS2 numbers",
            },
        };
        var run = new RunResults("t", new Dictionary<string, Datasets.DatasetCard>(), [], new Dictionary<string, string>()) { AllPatients = card };
        using var folder = TestData.TempFolder();
        string markdown = ReportWriter.Content(run, [], null).ToMarkdown(folder.Path);

        Assert.Contains("## The model for new records (every MIT-BIH patient)", markdown);
        Assert.Contains("ensemble-classwise trained on records A and B (per class: 1,000 N, 200 S, 300 V, 40 F, 2 Q)", markdown);
        Assert.Contains("no held-out patients of its own (none of its own)", markdown);
        Assert.Contains("What stands for it is the DS1-only model's DS2 numbers", markdown);

        // A run without it says nothing of it.
        Assert.DoesNotContain("model for new records", ReportWriter.Content(run with { AllPatients = null }, [], null).ToMarkdown(folder.Path));
    }
}
