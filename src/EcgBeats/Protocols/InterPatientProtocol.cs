using EcgBeats.Representations;
using EcgBeats.Beats;
using EcgBeats.Datasets;

namespace EcgBeats.Protocols;

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
    /// The DS1 records held out for validation: one of <see cref="ValidationFolds"/> record folds (<see cref="RecordFolds"/>,
    /// dealt by S-beat count so that each fold holds S beats), the fold chosen by the seed.
    /// </summary>
    /// <param name="ds1">Every DS1 training beat (the folds depend on the records, never on a subsample of their beats).</param>
    /// <param name="seed">Picks the fold: seed mod <see cref="ValidationFolds"/>.</param>
    public static IReadOnlyList<string> ValidationRecords(LabelledBeats ds1, int seed) =>
        RecordFolds.Deal(ds1, ValidationFolds)[((seed % ValidationFolds) + ValidationFolds) % ValidationFolds].Order(StringComparer.Ordinal).ToList();

    /// <summary>The validation split of DS1 training beats: the beats of <see cref="ValidationRecords"/> held out.</summary>
    /// <param name="train">The beats to split (all of DS1, or a subsample of it).</param>
    /// <param name="seed">Picks the fold: seed mod <see cref="ValidationFolds"/>.</param>
    /// <param name="ds1">Every DS1 training beat, which fixes the folds; <paramref name="train"/> when null.</param>
    public static ValidationSplit Validation(LabelledBeats train, int seed, LabelledBeats? ds1 = null) =>
        ValidationSplit.ByRecord(train, ValidationRecords(ds1 ?? train, seed));
}
