namespace EcgBeats.Metrics;

/// <summary>Scores of one class, one-versus-rest.</summary>
/// <param name="Name">The class name, e.g. <c>V</c>.</param>
/// <param name="Support">Beats of the class.</param>
/// <param name="Predicted">Beats predicted as the class.</param>
/// <param name="Precision">TP / (TP + FP); AAMI's positive predictivity (+P).</param>
/// <param name="Recall">TP / (TP + FN); AAMI's sensitivity (Se).</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="Specificity">TN / (TN + FP).</param>
/// <param name="FalsePositiveRate">FP / (FP + TN) = 1 − specificity.</param>
public sealed record ClassScores(string Name, long Support, long Predicted, double Precision, double Recall, double F1,
    double Specificity, double FalsePositiveRate)
{
    /// <summary>AAMI EC57's sensitivity, Se (= recall).</summary>
    public double Sensitivity => Recall;

    /// <summary>AAMI EC57's positive predictivity, +P (= precision).</summary>
    public double PositivePredictivity => Precision;
}

/// <summary>Precision, recall and F1 averaged over classes.</summary>
/// <param name="Precision">The averaged precision.</param>
/// <param name="Recall">The averaged recall.</param>
/// <param name="F1">The averaged F1 (the mean of per-class F1 for macro and weighted; from the pooled counts for micro).</param>
public sealed record Averages(double Precision, double Recall, double F1);

/// <summary>
/// Every score EcgBeats reports for a set of predictions, computed in one place from a confusion matrix.
/// </summary>
/// <remarks>
/// Conventions, so that no NaN ever reaches a user: a ratio whose denominator is 0 is 0 (a class
/// never predicted has precision 0; a class absent from the truth has recall 0; F1 is 0 when
/// precision and recall are both 0), as scikit-learn's <c>zero_division=0</c>. Macro averages run
/// over the classes that occur in the truth or in the predictions (scikit-learn's default label
/// set); a class absent from both is left out rather than counted as 0. Micro averages pool the
/// counts: for single-label classification, micro precision = micro recall = micro F1 = accuracy.
/// Weighted averages weigh each class by its support. Cohen's kappa is (p_o − p_e)/(1 − p_e); when
/// p_e = 1 (one class everywhere, in truth and predictions) it is 1 if p_o = 1, else 0.
/// </remarks>
public sealed record ClassificationReport(
    long Total,
    double Accuracy,
    IReadOnlyList<ClassScores> Classes,
    Averages Micro,
    Averages Macro,
    Averages Weighted,
    double Kappa)
{
    /// <summary>Scores of every class and their averages.</summary>
    public static ClassificationReport From(ConfusionMatrix m, IReadOnlyList<string> classNames)
    {
        if (classNames.Count != m.ClassCount) throw new ArgumentException($"{classNames.Count} names for {m.ClassCount} classes", nameof(classNames));
        long total = m.Total;
        var classes = new List<ClassScores>();
        for (int c = 0; c < m.ClassCount; c++)
        {
            long tp = m[c, c], support = m.Support(c), predicted = m.PredictedCount(c);
            long fp = predicted - tp, tn = total - support - fp;
            classes.Add(new ClassScores(classNames[c], support, predicted, m.Precision(c), m.Recall(c), m.F1(c),
                ConfusionMatrix.Ratio(tn, tn + fp), ConfusionMatrix.Ratio(fp, fp + tn)));
        }
        var present = classes.Where(s => s.Support > 0 || s.Predicted > 0).ToList();
        var macro = present.Count == 0
            ? new Averages(0, 0, 0)
            : new Averages(present.Average(s => s.Precision), present.Average(s => s.Recall), present.Average(s => s.F1));
        var weighted = total == 0
            ? new Averages(0, 0, 0)
            : new Averages(classes.Sum(s => s.Precision * s.Support) / total, classes.Sum(s => s.Recall * s.Support) / total,
                classes.Sum(s => s.F1 * s.Support) / total);
        double accuracy = m.Accuracy;
        return new ClassificationReport(total, accuracy, classes, new Averages(accuracy, accuracy, accuracy), macro, weighted, CohensKappa(m));
    }

    private static double CohensKappa(ConfusionMatrix m)
    {
        double total = m.Total;
        if (total == 0) return 0;
        double observed = m.Accuracy, expected = 0;
        for (int c = 0; c < m.ClassCount; c++) expected += m.Support(c) / total * (m.PredictedCount(c) / total);
        if (1 - expected < 1e-15) return observed >= 1 - 1e-15 ? 1 : 0;
        return (observed - expected) / (1 - expected);
    }
}
