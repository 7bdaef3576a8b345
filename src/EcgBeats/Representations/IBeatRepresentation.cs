using EcgBeats.Beats;
using EcgBeats.Wfdb;

namespace EcgBeats.Representations;

/// <summary>Which beats of a record a cut yields.</summary>
public enum BeatCutMode
{
    /// <summary>As the training data is made (the Kaggle cut drops each record's last beat: nothing after it ends its window).</summary>
    Dataset,
    /// <summary>One beat for every given position, as annotating a record needs (the last beat's window is ended as if the rhythm went on).</summary>
    EveryBeat,
}

/// <summary>
/// A beat representation: how beats are cut out of a record and scaled, so that a model is always fed beats
/// made the way its training beats were. The dataset builder and the record annotator both cut through this.
/// </summary>
public interface IBeatRepresentation
{
    /// <summary>The full recipe (name, version, filter, layout), written into dataset and model cards.</summary>
    RepresentationRecipe Recipe { get; }

    /// <summary>Whether it finds the beats itself (and ignores beat positions given to <see cref="Cut"/>), as Kachuee et al.'s cut does.</summary>
    bool FindsOwnBeats { get; }

    /// <summary>Cuts the beats of <paramref name="record"/>.</summary>
    /// <param name="record">The whole record, at its own sampling rate (representations resample where their cut needs another).</param>
    /// <param name="recordName">Its name, for the beats' origins and for messages.</param>
    /// <param name="beatPositions">Beat positions in samples at the record's rate, ascending (reference annotations or detected
    /// R peaks); representations that find their own R peaks ignore them.</param>
    /// <param name="mode">Which beats to cut.</param>
    /// <param name="signals">The record's signals to read, one per lead of the layout; null to choose them by the layout's lead names.</param>
    /// <returns>The beats, each with its origin (record, position at the record's rate), in time order.</returns>
    /// <exception cref="InvalidInputException">The record lacks a lead, or its rate cannot be resampled.</exception>
    UnlabelledBeats Cut(WfdbRecord record, string recordName, IReadOnlyList<long>? beatPositions, BeatCutMode mode, IReadOnlyList<int>? signals = null);
}
