using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Models;

namespace EcgBeats.Protocols;

/// <summary>
/// The DS1-only cross-validation behind every inter-patient choice (docs/inter-patient.md). DS1's records are dealt into
/// <see cref="Folds"/> folds (<see cref="RecordFolds"/>: sorted by their S beats, dealt round-robin, so that every fold
/// holds S beats); each fold in turn is the test, the next fold the validation (early stopping, ensemble weights), the
/// other three train. The test folds' predictions are pooled. Nothing is written: every fold's model lives in memory.
/// DS2 is never read.
/// <code>var result = InterPatientCrossValidation.Run(ds1, ClassicalModels.BoostedTrees, ModelOptions.None.With(CommonOptions.ClassWeights, true));
/// Console.WriteLine(result.Matrix().Recall(1)); // pooled S sensitivity</code>
/// </summary>
public static class InterPatientCrossValidation
{
    /// <summary>Record folds of DS1.</summary>
    public const int Folds = 5;

    /// <summary>
    /// Cross-validates <paramref name="kind"/> trained with <paramref name="options"/> (the same entry <c>train</c> and
    /// <c>run</c> call); an ensemble kind gets its default members (found in <paramref name="registry"/>), each trained
    /// on the same fold with the options it takes.
    /// </summary>
    /// <param name="ds1">Every DS1 beat, each saying its record (<see cref="LabelledBeats.Origins"/>).</param>
    /// <param name="kind">What to train on each fold.</param>
    /// <param name="options">What differs from the kinds' defaults (each kind takes its own: <see cref="ModelOptions.For"/>).</param>
    /// <param name="registry">Where an ensemble's default members are found; null for kinds that train on beats alone.</param>
    /// <param name="progress">Receives each fold's number (from 1) when it is done.</param>
    /// <param name="cancel">Stops between folds (and within a fold, where the kind can).</param>
    public static CrossValidationResult Run(LabelledBeats ds1, ModelKind kind, ModelOptions options, ModelRegistry? registry = null,
        IProgress<int>? progress = null, CancellationToken cancel = default) =>
        Run(ds1, split => TrainFold(kind, split, options, registry, cancel), progress, cancel);

    /// <summary>What <paramref name="kind"/> trains with on a fold: what DS1 chose for it on new patients (<see cref="ModelKind.NewPatient"/>), then <paramref name="options"/>, which win.</summary>
    public static ModelOptions OptionsFor(ModelKind kind, ModelOptions options) => kind.NewPatient.With(options).For(kind);

    /// <summary>
    /// Trains <paramref name="kind"/> on one fold's split as <see cref="Run(LabelledBeats, ModelKind, ModelOptions, ModelRegistry?, IProgress{int}?, CancellationToken)"/>
    /// does: an ensemble's default members first (found in <paramref name="registry"/>), each with the options it takes.
    /// </summary>
    public static IBeatClassifier TrainFold(ModelKind kind, ValidationSplit split, ModelOptions options, ModelRegistry? registry = null, CancellationToken cancel = default)
    {
        var members = new List<IBeatClassifier>();
        try
        {
            foreach (var member in registry is null ? [] : kind.Members(registry, options)) members.Add(TrainFold(member, split, options, registry, cancel));
            return kind.Train(split, OptionsFor(kind, options), new TrainingContext { Source = "DS1 fold", Cancel = cancel, Members = members });
        }
        catch
        {
            foreach (var m in members) m.Dispose();
            throw;
        }
    }

    /// <summary>Cross-validates whatever <paramref name="train"/> makes of a fold's split (e.g. an ensemble of several kinds).</summary>
    /// <param name="ds1">Every DS1 beat, each saying its record.</param>
    /// <param name="train">Trains a model on a fold's split (training records, validation records held out).</param>
    /// <param name="progress">Receives each fold's number (from 1) when it is done.</param>
    /// <param name="cancel">Stops between folds.</param>
    /// <exception cref="InvalidInputException">The beats do not say which record each is from.</exception>
    public static CrossValidationResult Run(LabelledBeats ds1, Func<ValidationSplit, IBeatClassifier> train, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (ds1.Origins is null) throw new InvalidInputException("the beats do not say which record each is from, so whole records cannot be held out");
        var folds = RecordFolds.Deal(ds1, Folds);
        var labels = new List<int>();
        var records = new List<string>();
        var samples = new List<long>();
        var probabilities = new List<float>();
        int classes = AamiMapping.ClassCount;
        for (int f = 0; f < Folds; f++)
        {
            cancel.ThrowIfCancellationRequested();
            var test = folds[f];
            var validation = folds[(f + 1) % Folds];
            var used = Enumerable.Range(0, ds1.Count).Where(i => !test.Contains(ds1.Origins[i].Record)).ToList();
            var split = ValidationSplit.ByRecord(ds1.Select(used), validation);
            using var model = train(split);
            var testBeats = ds1.Select(Enumerable.Range(0, ds1.Count).Where(i => test.Contains(ds1.Origins[i].Record)).ToList());
            var p = model.Predict(testBeats.Unlabelled);
            classes = p.ClassCount;
            for (int i = 0; i < testBeats.Count; i++)
            {
                labels.Add(testBeats.Labels[i]);
                records.Add(testBeats.Origins![i].Record);
                samples.Add(testBeats.Origins[i].Sample);
                probabilities.AddRange(p.Row(i).ToArray());
            }
            progress?.Report(f + 1);
        }
        return new CrossValidationResult(labels.ToArray(), records.ToArray(), samples.ToArray(), new ClassProbabilities(probabilities.ToArray(), classes));
    }
}

/// <summary>The pooled test-fold predictions of a cross-validation: every DS1 beat once, predicted by the fold's model that did not train on its record.</summary>
/// <param name="Labels">Each beat's reference class (AAMI index).</param>
/// <param name="Records">Each beat's record.</param>
/// <param name="Samples">Each beat's position in its record (samples): a record's beats are in time order.</param>
/// <param name="Probabilities">Each beat's class probabilities.</param>
public sealed record CrossValidationResult(int[] Labels, string[] Records, long[] Samples, ClassProbabilities Probabilities)
{
    /// <summary>The pooled confusion matrix, with class <paramref name="scaledClass"/>'s probability times <paramref name="factor"/> before the arg-max (what a decision threshold chosen on DS1 would give).</summary>
    public ConfusionMatrix Matrix(int scaledClass = 0, double factor = 1) => ConfusionMatrix.From(Labels, Predicted(scaledClass, factor), Probabilities.ClassCount);

    /// <summary>Each beat's predicted class, with class <paramref name="scaledClass"/>'s probability times <paramref name="factor"/> before the arg-max.</summary>
    public int[] Predicted(int scaledClass = 0, double factor = 1)
    {
        var predicted = new int[Labels.Length];
        for (int i = 0; i < Labels.Length; i++)
        {
            var row = Probabilities.Row(i);
            int best = 0;
            double bestValue = double.NegativeInfinity;
            for (int c = 0; c < row.Length; c++)
            {
                double v = c == scaledClass ? row[c] * (float)factor : row[c];
                if (v > bestValue) (best, bestValue) = (c, v);
            }
            predicted[i] = best;
        }
        return predicted;
    }

    /// <summary>Beats wrongly called <paramref name="predictedClass"/>, by record, most first.</summary>
    public IReadOnlyList<(string Record, int Count)> FalseCalls(int predictedClass)
    {
        int[] predicted = Probabilities.PredictedClasses();
        return Enumerable.Range(0, Labels.Length).Where(i => predicted[i] == predictedClass && Labels[i] != predictedClass)
            .GroupBy(i => Records[i]).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
    }
}
