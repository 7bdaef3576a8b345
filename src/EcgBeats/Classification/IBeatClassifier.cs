using EcgBeats.Datasets;

namespace EcgBeats.Classification;

/// <summary>
/// What every model and ensemble is to the rest of EcgBeats: beats in, class probabilities out.
/// Evaluation, ensembles and the report treat all of them alike through this.
/// </summary>
public interface IBeatClassifier
{
    /// <summary>A short name, e.g. <c>cnn</c> or <c>rf</c>.</summary>
    string Name { get; }

    /// <summary>What the model expects and was trained on.</summary>
    ModelCard Card { get; }

    /// <summary>
    /// Class probabilities for each beat (rows sum to 1).
    /// </summary>
    /// <param name="beats">Beats of <see cref="ModelCard.BeatLength"/> values, preprocessed as the card says.</param>
    /// <exception cref="InvalidInputException">The beats do not match the card (length).</exception>
    ClassProbabilities Predict(BeatSet beats);
}
