namespace EcgBeats.Torch.Training;

/// <summary>
/// How a deep model is trained. Each network's defaults are these with what its line in
/// <see cref="Architectures.Networks"/> changes, chosen to fit the four models' training in under an
/// hour on 2 CPU cores (docs/models.md). Which beats are held out for validation is not an option:
/// the trainer is given the <see cref="Datasets.ValidationSplit"/>.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Most epochs (early stopping may end sooner).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Beats per training batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>
    /// Beats per validation and inference batch. 256, not 1024: on this machine's CPU every network infers 1.2 to 2
    /// times faster in batches of 256 than of 1024 (perhaps because 1024 beats' activations no longer fit the cache; not
    /// measured), with logits equal to the last bit (docs/benchmarks.md, "The trainer as fast as the engine").
    /// </summary>
    public int InferenceBatchSize { get; init; } = 256;

    /// <summary>Adam's peak learning rate; a one-epoch linear warm-up, then cosine decay to 1% of it.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's L2 weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Stop after this many epochs without a better validation macro-F1; the best weights are kept.</summary>
    public int Patience { get; init; } = 4;

    /// <summary>Seed of the weights, the balancing, the batch order and dropout.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>libtorch threads (results depend on it, so the model card records it).</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Weigh the loss by inverse class frequency.</summary>
    public bool ClassWeights { get; init; }

    /// <summary>With <see cref="ClassWeights"/>, no class weighs more than this (a class of 8 beats among 50,000 would otherwise weigh 1,000), or null for no cap.</summary>
    public double? ClassWeightCap { get; init; }

    /// <summary>Resample the training part to this many beats per class (the reference pipeline uses 20,000), or null.</summary>
    public int? BalancePerClass { get; init; }

    /// <summary>Clip the gradient's global L2 norm to this before each step, or null for no clipping (recurrent nets need it).</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Cap on training beats per epoch (a random subset each epoch), or null for all (no run profile sets it: the quick profile subsamples the training beats instead).</summary>
    public int? MaxBeatsPerEpoch { get; init; }
}
