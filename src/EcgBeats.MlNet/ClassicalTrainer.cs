using System.Diagnostics;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace EcgBeats.MlNet;

/// <summary>
/// Trains the classical models with ML.NET on the same beats (187 features) as the deep models,
/// holding out the same stratified validation split (same seed and fraction), so that all models
/// can be compared, and ensembled, on beats none of them trained on.
/// </summary>
public static class ClassicalTrainer
{
    /// <summary>Trains <paramref name="kind"/> and saves it (<c>model.zip</c>, <c>model.json</c>) into <paramref name="folder"/>.</summary>
    public static ClassicalBeatClassifier Train(ClassicalModelKind kind, BeatSet data, ClassicalOptions options, string folder, string source)
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(options.Seed);
        var (trainIndices, validationIndices) = IntraPatientSplit.Split(data.Labels, options.ValidationFraction, options.Seed);
        var train = data.Select(trainIndices);
        var validation = data.Select(validationIndices);
        // Kaggle files are sorted by class, and the SVM's Pegasos learns online, in row order: a
        // class-sorted stream leaves it with the last class it saw. Rows go in a seeded random order.
        var trainView = BeatDataView.From(ml, train.Select(SeededRandom.Permutation(train.Count, options.Seed)));

        var pipeline = ml.Transforms.Conversion.MapValueToKey(BeatDataView.Label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(Estimator(ml, kind, options));
        var model = pipeline.Fit(trainView);
        double seconds = clock.Elapsed.TotalSeconds;

        var card = new ModelCard
        {
            Model = ClassicalModels.Name(kind),
            Framework = "ML.NET",
            Hyperparameters = Hyperparameters(kind, options),
            BeatLength = data.BeatLength,
            TrainingData = new TrainingData(source, data.Fingerprint(), train.ClassCounts(), validation.Count, "none"),
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
        var classifier = new ClassicalBeatClassifier(ml, model, card);
        var matrix = ConfusionMatrix.From(validation.Labels, classifier.Predict(validation).PredictedClasses(), card.Classes.Count);
        card = card with
        {
            Validation = new Dictionary<string, double> { ["accuracy"] = matrix.Accuracy, ["macroF1"] = matrix.MacroF1, ["beats"] = matrix.Total },
        };
        classifier = new ClassicalBeatClassifier(ml, model, card);
        classifier.Save(folder, trainView.Schema);
        return classifier;
    }

    private static IEstimator<ITransformer> Estimator(MLContext ml, ClassicalModelKind kind, ClassicalOptions o)
    {
        var multiclass = ml.MulticlassClassification.Trainers;
        switch (kind)
        {
            case ClassicalModelKind.RandomForest:
                return multiclass.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                {
                    NumberOfTrees = o.Trees,
                    NumberOfLeaves = o.Leaves,
                    MinimumExampleCountPerLeaf = o.MinimumBeatsPerLeaf,
                    FeatureFraction = o.FeatureFraction,
                    NumberOfThreads = o.Threads,
                    Seed = o.Seed,
                }));
            case ClassicalModelKind.DecisionTree:
                // One tree, every feature, no bagging: a single regression tree per class.
                return multiclass.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                {
                    NumberOfTrees = 1,
                    NumberOfLeaves = o.Leaves,
                    MinimumExampleCountPerLeaf = o.MinimumBeatsPerLeaf,
                    FeatureFraction = 1.0,
                    BaggingSize = 0,
                    NumberOfThreads = o.Threads,
                    Seed = o.Seed,
                }));
            default:
                // Pegasos needs features of unit scale: the random Fourier features are standardised first.
                return ml.Transforms.ApproximatedKernelMap(BeatDataView.Features, rank: o.KernelRank, useCosAndSinBases: true,
                        generator: new GaussianKernel(o.KernelGamma), seed: o.Seed)
                    .Append(ml.Transforms.NormalizeMeanVariance(BeatDataView.Features))
                    .Append(multiclass.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
                    {
                        NumberOfIterations = o.SvmIterations,
                    }), useProbabilities: true));
        }
    }

    private static Dictionary<string, string> Hyperparameters(ClassicalModelKind kind, ClassicalOptions o) => kind switch
    {
        ClassicalModelKind.RandomForest => new()
        {
            ["model"] = "one-versus-all over FastForest (random forest of regression trees, bagged, random feature subsets)",
            ["trees"] = o.Trees.ToString(), ["leaves"] = o.Leaves.ToString(), ["minimumBeatsPerLeaf"] = o.MinimumBeatsPerLeaf.ToString(),
            ["featureFraction"] = o.FeatureFraction.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        ClassicalModelKind.DecisionTree => new()
        {
            ["model"] = "one-versus-all over a single FastForest tree (all features, no bagging): one regression tree per class",
            ["leaves"] = o.Leaves.ToString(), ["minimumBeatsPerLeaf"] = o.MinimumBeatsPerLeaf.ToString(),
        },
        _ => new()
        {
            ["model"] = "RBF-kernel SVM approximated: random Fourier features (ApproximatedKernelMap, Gaussian kernel) + one-versus-all LinearSvm (Pegasos), Platt-calibrated",
            ["kernelRank"] = o.KernelRank.ToString(), ["gamma"] = o.KernelGamma.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["iterations"] = o.SvmIterations.ToString(),
        },
    };

    /// <summary>The NuGet package version an assembly was built as (its informational version without the commit).</summary>
    private static string PackageVersion(System.Reflection.Assembly assembly) =>
        (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3) ?? "?").Split('+')[0];
}
