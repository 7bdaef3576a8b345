using EcgBeats.Representations;

namespace EcgBeats.Datasets;

/// <summary>
/// How EcgBeats trains for new patients (docs/inter-patient.md): de Chazal's DS1 -> DS2 split, the rhythm + morphology
/// representation, and validation that holds out whole DS1 records, so that early stopping and ensemble weights are
/// chosen, as every other choice was, on patients the model did not train on, and never on DS2.
/// </summary>
public static class InterPatientProtocol
{
    /// <summary>Record folds of DS1; one of them is the validation part.</summary>
    public const int ValidationFolds = 5;

    /// <summary>The representation inter-patient models read.</summary>
    public static IBeatRepresentation Representation() => new RhythmMorphologyRepresentation(2);

    /// <summary>The dataset recipe: DS1 -> DS2 in <see cref="Representation"/>.</summary>
    public static DatasetRecipe Recipe(int seed) => new(Representation(), SplitKind.Inter, Seed: seed);

    /// <summary>
    /// The validation split of DS1 training beats: the records of one of <see cref="ValidationFolds"/> record folds
    /// (<see cref="RecordFolds"/>), the fold chosen by the seed.
    /// </summary>
    public static ValidationSplit Validation(LabelledBeats ds1, int seed) =>
        ValidationSplit.ByRecord(ds1, RecordFolds.Deal(ds1, ValidationFolds)[((seed % ValidationFolds) + ValidationFolds) % ValidationFolds].ToList());
}
