namespace EcgBeats.MlNet;

/// <summary>Hyper-parameters of the classical models, with their defaults (the CLI exposes each).</summary>
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
    public int Seed { get; init; } = 42;

    /// <summary>Weigh each training beat by the inverse frequency of its class (n / (classes · n_c)), as the deep models' loss can.</summary>
    public bool ClassWeights { get; init; }

    /// <summary>With <see cref="ClassWeights"/>, no class weighs more than this, or null for no cap.</summary>
    public double? ClassWeightCap { get; init; }

    /// <summary>With <see cref="ClassWeights"/>, each inverse-frequency weight is raised to this power before the cap (1: plain inverse frequency; 2 favours rare classes more).</summary>
    public double ClassWeightPower { get; init; } = 1;

    /// <summary>Threads for the tree trainers (null: ML.NET decides).</summary>
    public int? Threads { get; init; }
}
