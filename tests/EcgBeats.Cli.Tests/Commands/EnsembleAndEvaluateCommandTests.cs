using EcgBeats.Classification;
using EcgBeats.Metrics;
using EcgBeats.TestSupport;
using EcgBeats.Protocols;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>Classical models, both ensembles and evaluate, through the command line, on the fixture dataset.</summary>
public sealed class EnsembleAndEvaluateCommandTests
{
    private static string Train => FixtureDataset.Train;
    private static string Test => FixtureDataset.Test;

    private static void Ok(CliRunner.Result result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);

    [Fact]
    public void EnsemblesOfTrainedMembersAreTrainedSavedAndEvaluated()
    {
        using var models = TestData.TempFolder();
        Ok(CliRunner.Run("train", "--model", "ann", "--train", Train, "--out", models.File("ann"), "--epochs", "2"));
        Ok(CliRunner.Run("train", "--model", "cnn", "--train", Train, "--out", models.File("cnn"), "--epochs", "1"));
        Ok(CliRunner.Run("train", "--model", "rf", "--train", Train, "--out", models.File("rf"), "--trees", "10", "--leaves", "8"));
        Ok(CliRunner.Run("train", "--model", "dt", "--train", Train, "--out", models.File("dt"), "--leaves", "8"));

        // The weighted ensemble finds its default members (ann, cnn, ... beside it); weights on the simplex.
        var weighted = CliRunner.Run("train", "--model", "ensemble-weighted", "--train", Train, "--out", models.File("ensemble-weighted"));
        Ok(weighted);
        Assert.Contains("weights: ann", weighted.Output);
        var card = ModelCard.Read(models.File("ensemble-weighted"));
        Assert.Equal(["ann", "cnn"], card.MemberWeights!.Keys.Order());
        Assert.Equal(1, card.MemberWeights.Values.Sum(), 6);

        Ok(CliRunner.Run("train", "--model", "ensemble-voting", "--train", Train, "--out", models.File("ensemble-voting"), "--voting", "soft"));
        Assert.Equal(["ann", "cnn", "dt", "rf"], ModelCard.Read(models.File("ensemble-voting")).Files.Keys.Select(k => k[7..]).Order());

        foreach (string model in new[] { "rf", "ensemble-weighted", "ensemble-voting" })
        {
            var result = CliRunner.Run("evaluate", "--model", models.File(model), "--test", Test, "--out", models.File("eval-" + model), "--bootstrap", "100");
            Ok(result);
            var evaluation = Evaluation.Read(models.File($"eval-{model}/metrics.json"));
            long beats = File.ReadLines(Test).Count();
            Assert.Equal(beats, evaluation.ConfusionMatrix.Sum(row => row.Sum()));
            Assert.Equal(beats, evaluation.Report.Total);
            string shown = (evaluation.Report.Accuracy * 100).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + "%";
            Assert.Contains($"accuracy {shown}", result.Output);
            Assert.InRange(evaluation.Report.Accuracy, evaluation.AccuracyInterval.Lower, evaluation.AccuracyInterval.Upper);
        }

        // Predictions through a saved ensemble.
        Ok(CliRunner.Run("predict", "--model", models.File("ensemble-weighted"), "--input", Test, "--out", models.File("p.csv")));
    }

    [Fact]
    public void AnEnsembleOfMembersTrainedOnOtherDataIsRefused()
    {
        using var models = TestData.TempFolder();
        Ok(CliRunner.Run("train", "--model", "dt", "--train", Train, "--out", models.File("dt"), "--leaves", "8", "--seed", "1"));
        var result = CliRunner.Run("train", "--model", "ensemble-voting", "--train", Train, "--out", models.File("ensemble-voting"),
            "--members", models.File("dt"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("did not hold out this ensemble's validation beats", result.Error);
    }
}
