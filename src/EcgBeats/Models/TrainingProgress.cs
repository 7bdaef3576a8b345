using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>Where a training run is, reported after each batch and each epoch (kinds that train in one go report once, at the end).</summary>
/// <param name="Model">The kind's name.</param>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The most epochs the run will take.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean training loss so far in this epoch.</param>
/// <param name="Accuracy">Training accuracy so far in this epoch.</param>
/// <param name="BeatsPerSecond">Training speed in this epoch.</param>
/// <param name="Completed">Set when an epoch has just finished (with its validation scores).</param>
public sealed record TrainingProgress(string Model, int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy,
    double BeatsPerSecond, EpochRecord? Completed = null);
