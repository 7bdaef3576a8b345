using EcgBeats.Classification;
using EcgBeats.Models;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;
using D = EcgBeats.MlNet.ClassicalOptionDeclarations;

namespace EcgBeats.MlNet;

/// <summary>
/// The classical model kinds, each declared here once (the closest honest equivalent ML.NET offers, docs/models.md), and
/// their <see cref="ModelRegistry"/> family.
/// </summary>
public static class ClassicalModels
{
    private static readonly List<ClassicalDefinition> Registered = [];

    /// <summary>The framework classical model cards name.</summary>
    public const string Framework = "ML.NET";

    /// <summary>
    /// Random forest: one-versus-all over ML.NET's <c>FastForest</c> binary trainer (bagged regression trees on random
    /// feature subsets, outputs averaged), probabilities from its calibrated outputs.
    /// </summary>
    public static ClassicalDefinition RandomForest { get; } = Add(new("rf", "random forest (one-versus-all FastForest)", 1,
        "one-versus-all over FastForest (random forest of regression trees, bagged, random feature subsets)", Forest,
        [D.TreesBinding, D.LeavesBinding, D.MinimumBeatsPerLeafBinding, D.FeatureFractionBinding]));

    /// <summary>
    /// Decision tree: one-versus-all over a single <c>FastForest</c> tree with every feature and no bagging, which is a
    /// single CART-style regression tree per class (ML.NET has no plain CART).
    /// </summary>
    public static ClassicalDefinition DecisionTree { get; } = Add(new("dt", "one regression tree per class", 1,
        "one-versus-all over a single FastForest tree (all features, no bagging): one regression tree per class", Tree,
        [D.LeavesBinding, D.MinimumBeatsPerLeafBinding]));

    /// <summary>
    /// RBF-kernel SVM approximated: random Fourier features (<c>ApproximatedKernelMap</c> with a Gaussian kernel, Rahimi
    /// and Recht 2007) feeding one-versus-all <c>LinearSvm</c> (Pegasos), Platt-calibrated. ML.NET has no kernel SVM.
    /// </summary>
    public static ClassicalDefinition Svm { get; } = Add(new("svm", "RBF-kernel SVM via random Fourier features", 1,
        "RBF-kernel SVM approximated: random Fourier features (ApproximatedKernelMap, Gaussian kernel) + one-versus-all LinearSvm (Pegasos), Platt-calibrated", KernelSvm,
        [D.KernelRankBinding, D.GammaBinding, D.SvmIterationsBinding], takesThreads: false));

    /// <summary>
    /// Multinomial logistic regression (ML.NET's <c>LbfgsMaximumEntropy</c>, L2-regularised) on standardised features: a
    /// linear model, the modern form of de Chazal et al.'s (2004) linear discriminants, which cannot memorise a patient.
    /// </summary>
    public static ClassicalDefinition LogisticRegression { get; } = Add(new("logreg", "multinomial logistic regression (linear)", 1,
        "multinomial logistic regression (LbfgsMaximumEntropy) on standardised features", Logistic, [D.L2Binding]));

    /// <summary>
    /// Gradient-boosted trees: one-versus-all over ML.NET's <c>FastTree</c> binary trainer (MART), probabilities from its
    /// calibrated outputs. Boosted trees stay shallow: at most 32 leaves, whatever <see cref="ClassicalOptions.Leaves"/> says.
    /// </summary>
    public static ClassicalDefinition BoostedTrees { get; } = Add(new("gbt", "gradient-boosted trees (one-versus-all FastTree)", 1,
        "one-versus-all over FastTree (gradient-boosted regression trees, MART), at most 32 leaves per tree", Boosted,
        [D.TreesBinding, D.LeavesBinding, D.MinimumBeatsPerLeafBinding, D.FeatureFractionBinding, D.LearningRateBinding]));

    /// <summary>Every classical kind, in registry order.</summary>
    public static IReadOnlyList<ClassicalDefinition> All => Registered;

    /// <summary>The kind of a name, or null when it is not a classical model.</summary>
    public static ClassicalDefinition? Find(string name) => Registered.FirstOrDefault(k => k.Name == name);

    /// <summary>The family: these kinds, opened with <see cref="ClassicalBeatClassifier.Load(string)"/>.</summary>
    public static IModelFamily Family { get; } = new ClassicalFamily();

    private static ClassicalDefinition Add(ClassicalDefinition kind)
    {
        Registered.Add(kind);
        return kind;
    }

    private sealed class ClassicalFamily : IModelFamily
    {
        public string Name => ClassicalDefinition.FamilyName;
        public string Framework => ClassicalModels.Framework;
        public IReadOnlyList<ModelKind> Kinds => Registered;
        public IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening) => ClassicalBeatClassifier.Load(folder, card);
    }

    private static IEstimator<ITransformer> Forest(MLContext ml, ClassicalOptions o) =>
        ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = o.Trees,
            NumberOfLeaves = o.Leaves,
            MinimumExampleCountPerLeaf = o.MinimumBeatsPerLeaf,
            FeatureFraction = o.FeatureFraction,
            NumberOfThreads = o.Threads,
            Seed = o.Seed,
            ExampleWeightColumnName = o.ClassWeights ? BeatDataView.Weight : null,
        }));

    // One tree, every feature, no bagging: a single regression tree per class.
    private static IEstimator<ITransformer> Tree(MLContext ml, ClassicalOptions o) =>
        ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = 1,
            NumberOfLeaves = o.Leaves,
            MinimumExampleCountPerLeaf = o.MinimumBeatsPerLeaf,
            FeatureFraction = 1.0,
            BaggingSize = 0,
            NumberOfThreads = o.Threads,
            Seed = o.Seed,
            ExampleWeightColumnName = o.ClassWeights ? BeatDataView.Weight : null,
        }));

    // Pegasos needs features of unit scale: the random Fourier features are standardised first.
    private static IEstimator<ITransformer> KernelSvm(MLContext ml, ClassicalOptions o) =>
        ml.Transforms.ApproximatedKernelMap(BeatDataView.Features, rank: o.KernelRank, useCosAndSinBases: true,
                generator: new GaussianKernel(o.KernelGamma), seed: o.Seed)
            .Append(ml.Transforms.NormalizeMeanVariance(BeatDataView.Features))
            .Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
            {
                NumberOfIterations = o.SvmIterations,
                ExampleWeightColumnName = o.ClassWeights ? BeatDataView.Weight : null,
            }), useProbabilities: true));

    private static IEstimator<ITransformer> Boosted(MLContext ml, ClassicalOptions o) =>
        ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = o.Trees,
            NumberOfLeaves = Math.Min(o.Leaves, 32),
            MinimumExampleCountPerLeaf = o.MinimumBeatsPerLeaf,
            LearningRate = o.LearningRate,
            FeatureFraction = o.FeatureFraction,
            NumberOfThreads = o.Threads,
            Seed = o.Seed,
            ExampleWeightColumnName = o.ClassWeights ? BeatDataView.Weight : null,
        }));


    private static IEstimator<ITransformer> Logistic(MLContext ml, ClassicalOptions o) =>
        ml.Transforms.NormalizeMeanVariance(BeatDataView.Features)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = o.L2,
                ExampleWeightColumnName = o.ClassWeights ? BeatDataView.Weight : null,
                NumberOfThreads = o.Threads,
            }));




}
