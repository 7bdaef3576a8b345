using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Beats;
using EcgBeats.Metrics;

namespace EcgBeats.Protocols;

/// <summary>One model scored on one test set: the report, the confusion matrix and 95% bootstrap intervals.</summary>
public sealed record Evaluation(
    string Model,
    string TestSet,
    string TestFingerprint,
    ClassificationReport Report,
    long[][] ConfusionMatrix,
    Interval AccuracyInterval,
    Interval MacroF1Interval,
    int BootstrapResamples,
    int Seed,
    double PredictSeconds)
{
    /// <summary>Scores <paramref name="classifier"/> on <paramref name="test"/>.</summary>
    public static (Evaluation Evaluation, ClassProbabilities Probabilities) Run(IBeatClassifier classifier, LabelledBeats test, string testSet,
        int seed = 42, int resamples = 1000)
    {
        classifier.Card.CheckInput(test, testSet);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var probabilities = classifier.Predict(test.Unlabelled);
        double seconds = clock.Elapsed.TotalSeconds;
        return (From(classifier.Name, classifier.Card.Classes, test, testSet, probabilities, seed, resamples, seconds), probabilities);
    }

    /// <summary>Scores saved probabilities (e.g. to rebuild a report without the model).</summary>
    public static Evaluation From(string model, IReadOnlyList<string> classes, LabelledBeats test, string testSet, ClassProbabilities probabilities,
        int seed, int resamples, double predictSeconds)
    {
        int[] predicted = probabilities.PredictedClasses();
        var matrix = Metrics.ConfusionMatrix.From(test.Labels, predicted, classes.Count);
        var (accuracy, macroF1) = Bootstrap.AccuracyAndMacroF1(test.Labels, predicted, classes.Count, seed, resamples);
        var counts = Enumerable.Range(0, classes.Count).Select(t => Enumerable.Range(0, classes.Count).Select(p => matrix[t, p]).ToArray()).ToArray();
        return new Evaluation(model, testSet, test.Fingerprint(), ClassificationReport.From(matrix, classes), counts, accuracy, macroF1,
            resamples, seed, predictSeconds);
    }

    /// <summary>The confusion matrix as row-normalised fractions (each row sums to 1; an empty row is all 0).</summary>
    public double[][] RowNormalised() =>
        ConfusionMatrix.Select(row => { long s = row.Sum(); return row.Select(c => s == 0 ? 0 : (double)c / s).ToArray(); }).ToArray();

    /// <summary>Writes <c>metrics.json</c>-style JSON, atomically.</summary>
    public void Write(string path) => JsonFile.Write(path, this);

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static Evaluation Read(string path) => JsonFile.Read<Evaluation>(path, "an EcgBeats evaluation");
}
