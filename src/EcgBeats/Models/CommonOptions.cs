namespace EcgBeats.Models;

/// <summary>
/// The training options that several families take, declared here once (each family declares its own beside its
/// options record: <c>TrainerOptions</c>, <c>ClassicalOptions</c>, <c>EnsembleOptions</c>).
/// </summary>
public static class CommonOptions
{
    /// <summary>The seed when none is given (every options record's default).</summary>
    public const int DefaultSeed = 42;

    /// <summary>Seed of every random choice.</summary>
    public static ModelOption<int> Seed { get; } = new("seed", "Seed of every random choice (weights, row and batch order, dropout, bagging, feature subsets).");

    /// <summary>CPU threads (results may depend on them, so cards record them).</summary>
    public static ModelOption<int?> Threads { get; } = new("threads", "CPU threads the trainer uses (results may depend on it; the card records it). Classical models: none lets ML.NET choose.");

    /// <summary>Weigh each training beat by the inverse frequency of its class.</summary>
    public static ModelOption<bool> ClassWeights { get; } = new("class-weights",
        "Weigh each training beat (deep: its loss; classical: its example weight) by the inverse frequency of its class.", true, "example-weights");

    /// <summary>No class weighs more than this.</summary>
    public static ModelOption<double?> ClassWeightCap { get; } = new("class-weight-cap", "With class weights: no class weighs more than this (none: no cap).");

    /// <summary>The optimiser's (deep) or the boosting's (gbt) learning rate.</summary>
    public static ModelOption<double> LearningRate { get; } = new("learning-rate",
        "Learning rate: Adam's peak rate (deep; warm-up, then cosine decay) or the boosting shrinkage (gbt).", true, "lr");
}
