using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;

namespace EcgBeats.Tests.Adaptation;

public sealed class BeatReviewTests
{
    /// <summary>Clusters one-value points by thresholds (hand-made, so the tests know the answer): below 0 -> 0, below 1.5 -> 1, else 2.</summary>
    private sealed class ThresholdClusterer : IBeatClusterer
    {
        public BeatClusters Cluster(float[] points, int width, int k, int seed)
        {
            int[] assignments = points.Select(p => p < 0 ? 0 : p < 1.5 ? 1 : 2).ToArray();
            var centroids = Enumerable.Range(0, 3).Select(c => new[] { Enumerable.Range(0, points.Length).Where(i => assignments[i] == c).Select(i => points[i]).DefaultIfEmpty(0).Average() }).ToArray();
            return new BeatClusters(assignments, centroids);
        }
    }

    private static UnlabelledBeats Beats(params float[] values) =>
        new(1, values, origins: values.Select((_, i) => new BeatOrigin("r", 1000 + 100 * i)).ToArray());

    private static ClassProbabilities Sure(params float[] topProbability) =>
        new([.. topProbability.SelectMany(p => new[] { p, (1 - p) / 4, (1 - p) / 4, (1 - p) / 4, (1 - p) / 4 })], 5);

    [Fact]
    public void TheTypicalBeatOfEachClusterComesFirstLargestClusterFirstThenTheLeastSureOnePerCluster()
    {
        // Hand-worked: values 0 1 2 3 4 6 | 20 21 23 | 40 have mean 12 and standard deviation 12.63, so z < 0 for the first
        // six (cluster 0), 0.63-0.87 for the next three (cluster 1) and 2.22 for the last (cluster 2).
        float[] values = [0, 1, 2, 3, 4, 6, 20, 21, 23, 40];
        var beats = Beats(values);
        float[] p = [0.9f, 0.5f, 0.9f, 0.4f, 0.9f, 0.9f, 0.35f, 0.3f, 0.32f, 0.9f];
        var selection = BeatReview.Choose(beats, Sure(p), new ThresholdClusterer(), new ReviewSettings(Beats: 5, TypicalShare: 0.6));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 2], selection.Clusters.Assignments);
        Assert.Equal(0.63, BeatReview.Points(beats, out int width)[6], 2);
        Assert.Equal(1, width);

        // Three clusters (5 x 0.6): their typical beats, largest cluster first, each the member nearest its mean (2.67: the
        // value 3; 21.33: the value 21; 40), then two beats the model is least sure of: 8 (0.32, cluster 1), not 6 (0.35,
        // also cluster 1: one per cluster in a round), then 1 (0.5, cluster 0). Beat 7 (0.3) is already asked about.
        Assert.Equal([3, 7, 9, 8, 1], selection.Chosen.Select(b => b.Index));
        Assert.Equal(["typical", "typical", "typical", "unsure", "unsure"], selection.Chosen.Select(b => b.Reason));
        Assert.Equal([6, 3, 1, 3, 6], selection.Chosen.Select(b => b.ClusterSize));
        Assert.Equal([1300L, 1700, 1900, 1800, 1100], selection.Chosen.Select(b => b.Sample));
        Assert.Equal(0.32, selection.Chosen[3].Confidence, 5);
        Assert.All(selection.Chosen, b => Assert.Equal(AamiClass.N, b.Proposed));
    }

    [Fact]
    public void LabelsSpreadOnlyToClustersWhoseConfirmedBeatsAgree()
    {
        var beats = Beats(0, 1, 2, 3, 4, 5, 6);
        var clusters = new BeatClusters([0, 0, 0, 1, 1, 1, 2], [[0], [0], [0]]);
        // Cluster 0: one beat confirmed V -> all three V. Cluster 1: N and S confirmed -> only those two. Cluster 2: none.
        var confirmed = new Dictionary<int, int> { [1] = 2, [3] = 0, [4] = 1 };
        var spread = BeatReview.Spread(beats, clusters, confirmed, spreadToClusters: true);
        Assert.Equal(3, spread.Confirmed);
        Assert.Equal(2, spread.Spread);
        Assert.Equal([1000L, 1100, 1200, 1300, 1400], spread.Beats.Origins!.Select(o => o.Sample));
        Assert.Equal([2, 2, 2, 0, 1], spread.Beats.Labels);

        var alone = BeatReview.Spread(beats, clusters, confirmed, spreadToClusters: false);
        Assert.Equal([2, 0, 1], alone.Beats.Labels);
        Assert.Equal(0, alone.Spread);
    }

    [Fact]
    public void ASheetRowAtASampleWithNoBeatOrAClustersFileOfAnotherCutIsRefused()
    {
        var beats = Beats(0, 1, 2);
        var labels = new[] { new SheetLabel(1100, AamiClass.V, 2) };
        var fine = BeatReview.FromSheet(beats, labels, new Dictionary<long, int> { [1000] = 0, [1100] = 0, [1200] = 1 }, spreadToClusters: true, "s.csv");
        Assert.Equal([2, 2], fine.Beats.Labels);

        var missing = Assert.Throws<InvalidInputException>(() => BeatReview.FromSheet(beats, [new SheetLabel(1150, AamiClass.V, 7)], null, true, "s.csv"));
        Assert.Contains("s.csv: line 7: no beat was found at sample 1150", missing.Message);
        var otherCut = Assert.Throws<InvalidInputException>(() => BeatReview.FromSheet(beats, labels, new Dictionary<long, int> { [1000] = 0, [1100] = 0 }, true, "s.csv"));
        Assert.Contains("lists 2 beats, not the 3 found", otherCut.Message);
    }
}
