using EcgBeats.Metrics;

namespace EcgBeats.Tests.Metrics;

/// <summary>Every metric against confusion matrices worked out by hand (the numbers in the comments).</summary>
public sealed class ClassificationReportTests
{
    private static readonly string[] Names = ["A", "B", "C", "D"];

    // truth \ predicted:  A  B  C  D
    //               A  [  5, 1, 0, 0 ]   support 6
    //               B  [  2, 3, 1, 0 ]   support 6
    //               C  [  0, 0, 0, 0 ]   support 0, predicted once (from B)
    //               D  [  0, 0, 0, 0 ]   never in truth, never predicted
    private static readonly ClassificationReport Report = ClassificationReport.From(
        ConfusionMatrix.From(new long[,] { { 5, 1, 0, 0 }, { 2, 3, 1, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } }), Names);

    [Fact]
    public void AccuracyAndMicroAveragesAreTheShareOfCorrectBeats()
    {
        Assert.Equal(12, Report.Total);
        Assert.Equal(8.0 / 12, Report.Accuracy, 12);
        Assert.Equal(new Averages(8.0 / 12, 8.0 / 12, 8.0 / 12), Report.Micro);
    }

    [Fact]
    public void PerClassScores()
    {
        var a = Report.Classes[0];
        Assert.Equal(5.0 / 7, a.Precision, 12);                 // 5 of the 7 predicted A
        Assert.Equal(5.0 / 6, a.Recall, 12);                    // 5 of the 6 true A
        Assert.Equal(50.0 / 65, a.F1, 12);                      // 2PR/(P+R)
        Assert.Equal(4.0 / 6, a.Specificity, 12);               // TN 4 of the 6 non-A
        Assert.Equal(2.0 / 6, a.FalsePositiveRate, 12);
        Assert.Equal(a.Recall, a.Sensitivity);
        Assert.Equal(a.Precision, a.PositivePredictivity);

        var b = Report.Classes[1];
        Assert.Equal(3.0 / 4, b.Precision, 12);
        Assert.Equal(3.0 / 6, b.Recall, 12);
        Assert.Equal(0.6, b.F1, 12);
        Assert.Equal(5.0 / 6, b.Specificity, 12);
    }

    [Fact]
    public void AClassPredictedButAbsentScoresZeroNotNaN()
    {
        var c = Report.Classes[2];
        Assert.Equal((0, 1), (c.Support, c.Predicted));
        Assert.Equal(0, c.Precision);
        Assert.Equal(0, c.Recall);
        Assert.Equal(0, c.F1);
        Assert.Equal(11.0 / 12, c.Specificity, 12);
        Assert.Equal(1.0 / 12, c.FalsePositiveRate, 12);
    }

    [Fact]
    public void AClassNeitherTrueNorPredictedIsLeftOutOfTheMacroAverage()
    {
        var d = Report.Classes[3];
        Assert.Equal(0, d.F1);
        Assert.Equal(1, d.Specificity);
        // Macro over A, B, C.
        Assert.Equal((5.0 / 7 + 3.0 / 4) / 3, Report.Macro.Precision, 12);
        Assert.Equal((5.0 / 6 + 0.5) / 3, Report.Macro.Recall, 12);
        Assert.Equal((50.0 / 65 + 0.6) / 3, Report.Macro.F1, 12);
    }

    [Fact]
    public void WeightedAveragesWeighBySupport()
    {
        Assert.Equal((5.0 / 7 + 3.0 / 4) / 2, Report.Weighted.Precision, 12);
        Assert.Equal((5.0 / 6 + 0.5) / 2, Report.Weighted.Recall, 12);
        Assert.Equal((50.0 / 65 + 0.6) / 2, Report.Weighted.F1, 12);
    }

    [Fact]
    public void CohensKappa()
    {
        // p_o = 8/12, p_e = (6/12)(7/12) + (6/12)(4/12) = 66/144.
        double expected = (8.0 / 12 - 66.0 / 144) / (1 - 66.0 / 144);
        Assert.Equal(expected, Report.Kappa, 12);
    }

    [Fact]
    public void AClassNeverPredictedHasZeroPrecisionAndKappaZeroForAConstantClassifier()
    {
        var r = ClassificationReport.From(ConfusionMatrix.From(new long[,] { { 4, 0 }, { 2, 0 } }), ["N", "V"]);
        Assert.Equal(0, r.Classes[1].Precision);
        Assert.Equal(0.4, r.Macro.F1, 12);      // (0.8 + 0) / 2
        Assert.Equal(0, r.Kappa, 12);            // p_o = p_e = 4/6
    }

    [Fact]
    public void DegenerateMatricesGiveNumbersNotNaN()
    {
        var single = ClassificationReport.From(ConfusionMatrix.From(new long[,] { { 5, 0 }, { 0, 0 } }), ["N", "V"]);
        Assert.Equal(1, single.Kappa);
        Assert.Equal(1, single.Macro.F1);
        var empty = ClassificationReport.From(new ConfusionMatrix(2), ["N", "V"]);
        Assert.Equal(0, empty.Accuracy);
        Assert.Equal(0, empty.Kappa);
        Assert.Equal(new Averages(0, 0, 0), empty.Macro);
        Assert.Equal(new Averages(0, 0, 0), empty.Weighted);
    }

    [Fact]
    public void BootstrapIntervalsAreSeededAndBracketTheEstimate()
    {
        var random = new Random(3);
        int[] truth = Enumerable.Range(0, 2000).Select(i => i % 5).ToArray();
        int[] predicted = truth.Select(t => random.NextDouble() < 0.9 ? t : (t + 1) % 5).ToArray();

        var (accuracy, f1) = Bootstrap.AccuracyAndMacroF1(truth, predicted, 5, seed: 7, resamples: 400);
        Assert.InRange(accuracy.Value, accuracy.Lower, accuracy.Upper);
        Assert.InRange(f1.Value, f1.Lower, f1.Upper);
        // Binomial standard error for p = 0.9, n = 2000 is 0.0067: a 95% interval is about 0.026 wide.
        Assert.InRange(accuracy.Upper - accuracy.Lower, 0.018, 0.036);
        Assert.Equal(accuracy, Bootstrap.AccuracyAndMacroF1(truth, predicted, 5, seed: 7, resamples: 400).Accuracy);

        var perfect = Bootstrap.AccuracyAndMacroF1(truth, truth, 5, seed: 1, resamples: 100);
        Assert.Equal(new Interval(1, 1, 1), perfect.Accuracy);
    }
}
