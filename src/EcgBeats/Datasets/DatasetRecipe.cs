using EcgBeats.Beats;
using EcgBeats.Dsp;

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
/// <param name="Segmenter">How beats are cut (default: <see cref="KaggleMitBihSegmenter"/>).</param>
/// <param name="Filter">Filtering of the continuous lead before segmentation (default: none, as Kaggle).</param>
/// <param name="Split">Intra- or inter-patient.</param>
/// <param name="TestFraction">Share of each class held out for testing in the intra-patient split.</param>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="Channel">Which signal of each record (0: the first, MLII in 46 of the 48 records, as Kaggle).</param>
/// <param name="MatchToleranceSeconds">For segmenters that find their own R peaks: a detected beat takes the
/// class of the nearest reference beat within this distance, or is dropped (AAMI EC57 matching window).</param>
public sealed record DatasetRecipe(
    IBeatSegmenter Segmenter,
    FilterOptions Filter,
    SplitKind Split = SplitKind.Intra,
    double TestFraction = 0.2,
    int Seed = 42,
    int Channel = 0,
    double MatchToleranceSeconds = 0.15)
{
    /// <summary>The recipe that rebuilds the Kaggle MIT-BIH files.</summary>
    public static DatasetRecipe Kaggle(SplitKind split = SplitKind.Intra, int seed = 42) =>
        new(new KaggleMitBihSegmenter(), new FilterOptions(), split, Seed: seed);
}
