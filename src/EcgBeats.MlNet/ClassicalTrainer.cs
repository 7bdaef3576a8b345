using System.Diagnostics;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Models;
using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace EcgBeats.MlNet;

/// <summary>
/// Trains the classical models with ML.NET on the same beats as the deep models, holding out the same validation
/// beats (the <see cref="ValidationSplit"/> they are all given), so that all models can be compared, and ensembled,
/// on beats none of them trained on.
/// </summary>
public static class ClassicalTrainer
{
    /// <summary>Trains <paramref name="kind"/> on <paramref name="split"/>'s training beats, in memory (save it with <see cref="ClassicalBeatClassifier.Save(string)"/>).</summary>
    /// <exception cref="InvalidInputException">The beats do not say how they were cut.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before fitting began (ML.NET's trainers cannot be stopped midway).</exception>
    public static ClassicalBeatClassifier Train(ClassicalDefinition kind, ValidationSplit split, ClassicalOptions options, TrainingContext context)
    {
        string source = context.Source;
        context.Cancel.ThrowIfCancellationRequested();
        var recipe = split.Data.Recipe
            ?? throw new InvalidInputException($"{source}: the training beats do not say how they were cut (no representation recipe), so the model could not be fed the same beats later");
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(options.Seed);
        var train = split.Training;
        var validation = split.Validation;
        // Kaggle files are sorted by class, and the SVM's Pegasos learns online, in row order: a
        // class-sorted stream leaves it with the last class it saw. Rows go in a seeded random order.
        var rows = train.Select(SeededRandom.Permutation(train.Count, options.Seed));
        var table = new FeatureTable(recipe.Layout);
        var trainView = options.ClassWeights
            ? BeatDataView.From(ml, rows, table, Balancer.ClassWeights(train).Select(w => Math.Min(Math.Pow(w, options.ClassWeightPower), options.ClassWeightCap ?? double.PositiveInfinity)).ToList())
            : BeatDataView.From(ml, rows, table);
        // Labels become keys before the model is fitted, outside it: the saved model reads features alone, so
        // prediction needs no labels.
        var keyed = ml.Transforms.Conversion.MapValueToKey(BeatDataView.Label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(trainView).Transform(trainView);
        var model = kind.Estimator(ml, options).Fit(keyed);
        double seconds = clock.Elapsed.TotalSeconds;

        var card = new ModelCard
        {
            Model = kind.Name,
            ModelVersion = kind.Version,
            Framework = ClassicalModels.Framework,
            Hyperparameters = new Dictionary<string, string> { ["model"] = kind.Model, ["validation"] = split.Description },
            Options = kind.Describe(options),
            Representation = recipe,
            TrainingData = TrainingData.Of(split, source, train.ClassCounts(),
                options.ClassWeights ? $"inverse-frequency example weights{(options.ClassWeightPower != 1 ? $" to the power {options.ClassWeightPower}" : "")}{(options.ClassWeightCap is { } cap ? $", at most {cap}" : "")}" : "none"),
            Seed = options.Seed,
            Threads = options.Threads,
            Device = "cpu",
            TrainingSeconds = seconds,
            Versions = new Dictionary<string, string>
            {
                ["EcgBeats"] = typeof(ClassicalTrainer).Assembly.GetName().Version?.ToString(3) ?? "?",
                // ML.NET's assembly version stays 1.0.0; the package version is in the informational version.
                ["ML.NET"] = PackageVersion(typeof(MLContext).Assembly),
                [".NET"] = Environment.Version.ToString(),
            },
            Files = new Dictionary<string, string> { ["model"] = ClassicalBeatClassifier.ModelFile },
        };
        var classifier = new ClassicalBeatClassifier(ml, model, card, keyed.Schema);
        var matrix = ConfusionMatrix.From(validation.Labels, classifier.Predict(validation.Unlabelled).PredictedClasses(), card.Classes.Count);
        card = card with
        {
            Validation = new Dictionary<string, double> { ["accuracy"] = matrix.Accuracy, ["macroF1"] = matrix.MacroF1, ["beats"] = matrix.Total },
        };
        return new ClassicalBeatClassifier(ml, model, card, keyed.Schema);
    }

    /// <summary>The NuGet package version an assembly was built as (its informational version without the commit).</summary>
    private static string PackageVersion(System.Reflection.Assembly assembly) =>
        (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3) ?? "?").Split('+')[0];
}
