using EcgBeats.Representations;

namespace EcgBeats.Datasets;

/// <summary>How beats are split into training and test sets.</summary>
public enum SplitKind
{
    /// <summary>Stratified random split over beats (<see cref="IntraPatientSplit"/>), as the Kaggle files.</summary>
    Intra,
    /// <summary>DS1 -> DS2 by record (<see cref="DeChazal2004Split"/>).</summary>
    Inter,
}

/// <summary>Everything that decides which beats a dataset holds; the defaults rebuild the Kaggle files.</summary>
/// <param name="Representation">How beats are cut and scaled (the Kaggle-faithful cut by default).</param>
/// <param name="Split">Intra- or inter-patient.</param>
/// <param name="TestFraction">Share of each class held out for testing in the intra-patient split.</param>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="MatchToleranceSeconds">For representations that find their own R peaks: a found beat takes the
/// class of the nearest reference beat within this distance, or is dropped (AAMI EC57 matching window).</param>
public sealed record DatasetRecipe(
    IBeatRepresentation Representation,
    SplitKind Split = SplitKind.Intra,
    double TestFraction = 0.2,
    int Seed = 42,
    double MatchToleranceSeconds = 0.15)
{
    /// <summary>The version of the dataset builder's own code (labelling, splitting, ordering): raise it when the same recipe would give other datasets.</summary>
    public const int BuilderVersion = 1;

    /// <summary>The recipe that rebuilds the Kaggle MIT-BIH files.</summary>
    public static DatasetRecipe Kaggle(SplitKind split = SplitKind.Intra, int seed = 42) =>
        new(new KaggleMitBihRepresentation(), split, Seed: seed);
}
