using EcgBeats.Models;
using EcgBeats.Torch.Architectures;

namespace EcgBeats.Torch.Training;

/// <summary>
/// How a deep model is trained. Each network's defaults are these with what its line in
/// <see cref="Networks"/> changes, chosen to fit the four models' training in under an
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
    public int Seed { get; init; } = CommonOptions.DefaultSeed;

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

    /// <summary>Change each training batch as a new patient's beats differ (<see cref="NewPatientAugmentation"/>).</summary>
    public bool Augment { get; init; }

    /// <summary>What of each beat the network reads: everything, or the representation's rhythm and template features alone (dense networks only).</summary>
    public NetworkInputs Inputs { get; init; } = NetworkInputs.All;

    /// <summary>Cap on training beats per epoch (a random subset each epoch), or null for all (no run profile sets it: the quick profile subsamples the training beats instead).</summary>
    public int? MaxBeatsPerEpoch { get; init; }
}

/// <summary>
/// The deep models' options, declared once (name, type, help, whether they change results), and how each reads and
/// sets <see cref="TrainerOptions"/>. The shared ones (seed, threads, class weights, learning rate) are
/// <see cref="CommonOptions"/>'.
/// </summary>
public static class DeepOptions
{
    /// <summary>Most epochs.</summary>
    public static ModelOption<int> Epochs { get; } = new("epochs", "Deep: most epochs (early stopping may end sooner).");

    /// <summary>Beats per training batch.</summary>
    public static ModelOption<int> Batch { get; } = new("batch", "Deep: beats per training batch.");

    /// <summary>Beats per validation and inference batch (speed only: the same logits).</summary>
    public static ModelOption<int> InferenceBatch { get; } = new("inference-batch", "Deep: beats per validation and inference batch (speed only).", changesResults: false);

    /// <summary>Adam's L2 weight decay.</summary>
    public static ModelOption<double> WeightDecay { get; } = new("weight-decay", "Deep: Adam's L2 weight decay.");

    /// <summary>Early-stopping patience.</summary>
    public static ModelOption<int> Patience { get; } = new("patience", "Deep: epochs without a better validation macro-F1 before stopping (the best weights are kept).");

    /// <summary>Where the network trains.</summary>
    public static ModelOption<string> Device { get; } = new("device", "Deep: cpu, cuda or cuda:N.");

    /// <summary>Resample the training part to this many beats per class.</summary>
    public static ModelOption<int?> Balance { get; } = new("balance", "Deep: resample the training part to N beats per class (the reference pipeline: 20000); none: no resampling.");

    /// <summary>Clip the gradient's global norm.</summary>
    public static ModelOption<double?> Clip { get; } = new("clip", "Deep: clip the gradient's global L2 norm to this before each step (none: no clipping).");

    /// <summary>Train each epoch on a random subset.</summary>
    public static ModelOption<int?> MaxBeatsPerEpoch { get; } = new("max-beats-per-epoch", "Deep: train each epoch on a random subset of this many beats (none: all).");

    /// <summary>Augment each training batch as a new patient differs.</summary>
    public static ModelOption<bool> Augment { get; } = new("augment",
        "Deep: change each training batch as a new patient's beats differ (each lead's amplitude x0.8-1.25, baseline shift, noise, a time stretch of up to 5%, RR features x(1 +- 3%)).");

    /// <summary>What of each beat the network reads.</summary>
    public static ModelOption<NetworkInputs> Inputs { get; } = new("inputs",
        "Deep: what of each beat the network reads: all (the leads' samples and the features) or features (the representation's rhythm and template features alone; ann only).");

    /// <summary>Every deep option bound to <see cref="TrainerOptions"/>, in the order help and cards list them.</summary>
    public static IReadOnlyList<OptionBinding<TrainerOptions>> Bindings { get; } =
    [
        OptionBinding<TrainerOptions>.Of(Epochs, o => o.Epochs, (o, v) => o with { Epochs = v }),
        OptionBinding<TrainerOptions>.Of(Batch, o => o.BatchSize, (o, v) => o with { BatchSize = v }),
        OptionBinding<TrainerOptions>.Of(InferenceBatch, o => o.InferenceBatchSize, (o, v) => o with { InferenceBatchSize = v }),
        OptionBinding<TrainerOptions>.Of(CommonOptions.LearningRate, o => o.LearningRate, (o, v) => o with { LearningRate = v }),
        OptionBinding<TrainerOptions>.Of(WeightDecay, o => o.WeightDecay, (o, v) => o with { WeightDecay = v }),
        OptionBinding<TrainerOptions>.Of(Patience, o => o.Patience, (o, v) => o with { Patience = v }),
        OptionBinding<TrainerOptions>.Of(CommonOptions.Seed, o => o.Seed, (o, v) => o with { Seed = v }),
        // "none" is every core, as the default.
        OptionBinding<TrainerOptions>.Of(CommonOptions.Threads, o => o.Threads, (o, v) => o with { Threads = v ?? Math.Max(1, Environment.ProcessorCount) }),
        OptionBinding<TrainerOptions>.Of(Device, o => o.Device, (o, v) => o with { Device = v }),
        OptionBinding<TrainerOptions>.Of(CommonOptions.ClassWeights, o => o.ClassWeights, (o, v) => o with { ClassWeights = v }),
        OptionBinding<TrainerOptions>.Of(CommonOptions.ClassWeightCap, o => o.ClassWeightCap, (o, v) => o with { ClassWeightCap = v }),
        OptionBinding<TrainerOptions>.Of(Balance, o => o.BalancePerClass, (o, v) => o with { BalancePerClass = v }),
        OptionBinding<TrainerOptions>.Of(Clip, o => o.ClipGradientNorm, (o, v) => o with { ClipGradientNorm = v }),
        OptionBinding<TrainerOptions>.Of(MaxBeatsPerEpoch, o => o.MaxBeatsPerEpoch, (o, v) => o with { MaxBeatsPerEpoch = v }),
        OptionBinding<TrainerOptions>.Of(Augment, o => o.Augment, (o, v) => o with { Augment = v }),
        OptionBinding<TrainerOptions>.Of(Inputs, o => o.Inputs, (o, v) => o with { Inputs = v }),
    ];
}

