using EcgBeats.Models;

namespace EcgBeats.MlNet;

/// <summary>Hyper-parameters of the classical models, with their defaults (each declared in <see cref="ClassicalOptionDeclarations"/>).</summary>
public sealed record ClassicalOptions
{
    /// <summary>Random forest and boosted trees: trees per class.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Leaves per tree (random forest, decision tree; boosted trees use at most 32).</summary>
    public int Leaves { get; init; } = 64;

    /// <summary>Fewest training beats a leaf may hold.</summary>
    public int MinimumBeatsPerLeaf { get; init; } = 5;

    /// <summary>Random forest and boosted trees: share of features each tree may split on.</summary>
    public double FeatureFraction { get; init; } = 0.5;

    /// <summary>SVM: random Fourier features (the kernel map's rank).</summary>
    public int KernelRank { get; init; } = 1000;

    /// <summary>SVM: Gaussian kernel γ in exp(-γ‖x−y‖²), beats in [0,1]^187 (1.0 beat 0.05, 0.2 and 0.5 on a 20,000-beat trial: docs/models.md).</summary>
    public float KernelGamma { get; init; } = 1.0f;

    /// <summary>SVM: Pegasos iterations per class.</summary>
    public int SvmIterations { get; init; } = 20;

    /// <summary>Boosted trees: the learning rate (shrinkage).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Logistic regression: L2 regularisation weight.</summary>
    public float L2 { get; init; } = 1f;

    /// <summary>Seed of every random choice (ML.NET's context, the row order).</summary>
    public int Seed { get; init; } = CommonOptions.DefaultSeed;

    /// <summary>Weigh each training beat by the inverse frequency of its class (n / (classes · n_c)), as the deep models' loss can.</summary>
    public bool ClassWeights { get; init; }

    /// <summary>With <see cref="ClassWeights"/>, no class weighs more than this, or null for no cap.</summary>
    public double? ClassWeightCap { get; init; }

    /// <summary>With <see cref="ClassWeights"/>, each inverse-frequency weight is raised to this power before the cap (1: plain inverse frequency; 2 favours rare classes more).</summary>
    public double ClassWeightPower { get; init; } = 1;

    /// <summary>Threads for the tree trainers (null: ML.NET decides).</summary>
    public int? Threads { get; init; }
}

/// <summary>
/// The classical models' options, declared once (name, type, help, whether they change results), and how each reads
/// and sets <see cref="ClassicalOptions"/>. Each kind binds the ones it reads (<see cref="ClassicalModels"/>); the shared
/// ones (seed, threads, class weights, learning rate) are <see cref="CommonOptions"/>'.
/// </summary>
public static class ClassicalOptionDeclarations
{
    /// <summary>Trees per class.</summary>
    public static ModelOption<int> Trees { get; } = new("trees", "Forests and boosting: trees per class.");

    /// <summary>Leaves per tree.</summary>
    public static ModelOption<int> Leaves { get; } = new("leaves", "Trees: leaves per tree (gbt uses at most 32).");

    /// <summary>Fewest training beats in a leaf.</summary>
    public static ModelOption<int> MinimumBeatsPerLeaf { get; } = new("min-leaf", "Trees: fewest training beats a leaf may hold.");

    /// <summary>Share of features each tree may split on.</summary>
    public static ModelOption<double> FeatureFraction { get; } = new("feature-fraction", "Forests and boosting: share of features each tree may split on.");

    /// <summary>SVM: random Fourier features.</summary>
    public static ModelOption<int> KernelRank { get; } = new("kernel-rank", "SVM: random Fourier features (the kernel map's rank).");

    /// <summary>SVM: the Gaussian kernel's γ.</summary>
    public static ModelOption<float> Gamma { get; } = new("gamma", "SVM: the Gaussian kernel's gamma in exp(-gamma |x-y|^2).");

    /// <summary>SVM: Pegasos iterations.</summary>
    public static ModelOption<int> SvmIterations { get; } = new("svm-iterations", "SVM: Pegasos iterations per class.");

    /// <summary>Logistic regression: L2 weight.</summary>
    public static ModelOption<float> L2 { get; } = new("l2", "Logistic regression: L2 regularisation weight.");

    /// <summary>The class weights' power.</summary>
    public static ModelOption<double> ClassWeightPower { get; } = new("class-weight-power",
        "Classical, with class weights: raise each inverse-frequency weight to this power before the cap (1: plain inverse frequency).");

    private static OptionBinding<ClassicalOptions> Bind<T>(ModelOption<T> option, Func<ClassicalOptions, T> get, Func<ClassicalOptions, T, ClassicalOptions> set) =>
        OptionBinding<ClassicalOptions>.Of(option, get, set);

    internal static OptionBinding<ClassicalOptions> TreesBinding { get; } = Bind(Trees, o => o.Trees, (o, v) => o with { Trees = v });
    internal static OptionBinding<ClassicalOptions> LeavesBinding { get; } = Bind(Leaves, o => o.Leaves, (o, v) => o with { Leaves = v });
    internal static OptionBinding<ClassicalOptions> MinimumBeatsPerLeafBinding { get; } = Bind(MinimumBeatsPerLeaf, o => o.MinimumBeatsPerLeaf, (o, v) => o with { MinimumBeatsPerLeaf = v });
    internal static OptionBinding<ClassicalOptions> FeatureFractionBinding { get; } = Bind(FeatureFraction, o => o.FeatureFraction, (o, v) => o with { FeatureFraction = v });
    internal static OptionBinding<ClassicalOptions> KernelRankBinding { get; } = Bind(KernelRank, o => o.KernelRank, (o, v) => o with { KernelRank = v });
    internal static OptionBinding<ClassicalOptions> GammaBinding { get; } = Bind(Gamma, o => o.KernelGamma, (o, v) => o with { KernelGamma = v });
    internal static OptionBinding<ClassicalOptions> SvmIterationsBinding { get; } = Bind(SvmIterations, o => o.SvmIterations, (o, v) => o with { SvmIterations = v });
    internal static OptionBinding<ClassicalOptions> L2Binding { get; } = Bind(L2, o => o.L2, (o, v) => o with { L2 = v });
    internal static OptionBinding<ClassicalOptions> LearningRateBinding { get; } = Bind(CommonOptions.LearningRate, o => o.LearningRate, (o, v) => o with { LearningRate = v });

    /// <summary>What every classical kind takes: the seed and the class weights.</summary>
    internal static IReadOnlyList<OptionBinding<ClassicalOptions>> Shared { get; } =
    [
        Bind(CommonOptions.Seed, o => o.Seed, (o, v) => o with { Seed = v }),
        Bind(CommonOptions.ClassWeights, o => o.ClassWeights, (o, v) => o with { ClassWeights = v }),
        Bind(CommonOptions.ClassWeightCap, o => o.ClassWeightCap, (o, v) => o with { ClassWeightCap = v }),
        Bind(ClassWeightPower, o => o.ClassWeightPower, (o, v) => o with { ClassWeightPower = v }),
    ];

    /// <summary>For the kinds whose ML.NET trainers take a thread count (trees, logistic regression).</summary>
    internal static OptionBinding<ClassicalOptions> ThreadsBinding { get; } = Bind(CommonOptions.Threads, o => o.Threads, (o, v) => o with { Threads = v });
}
