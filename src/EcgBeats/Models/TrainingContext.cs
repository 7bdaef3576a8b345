using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>
/// What a training needs beyond its beats and options, none of it shaping the model: where the data came from (for the
/// card), progress, cancellation, an ensemble's members and, for the saving layer, where checkpoints go.
/// </summary>
public sealed record TrainingContext
{
    /// <summary>Nothing beyond the defaults: no progress, no checkpoints, never cancelled.</summary>
    public static TrainingContext Default { get; } = new();

    /// <summary>The training data's name, as the card records it (e.g. the file it was read from).</summary>
    public string Source { get; init; } = "beats in memory";

    /// <summary>Receives batch and epoch progress, or null.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops training at the next batch (<see cref="OperationCanceledException"/>).</summary>
    public CancellationToken Cancel { get; init; }

    /// <summary>
    /// A folder for checkpoints after every epoch (kinds that train in epochs), or null for none. Saving a model into
    /// that folder removes them (<see cref="IBeatClassifier.Save"/>).
    /// </summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Continue from <see cref="CheckpointFolder"/>'s checkpoint when there is one.</summary>
    public bool Resume { get; init; }

    /// <summary>An ensemble's trained members (each must have held out the split's validation beats); ignored by other kinds.</summary>
    public IReadOnlyList<IBeatClassifier> Members { get; init; } = [];
}
