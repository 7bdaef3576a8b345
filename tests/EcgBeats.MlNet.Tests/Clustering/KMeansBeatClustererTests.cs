using EcgBeats.MlNet.Clustering;

namespace EcgBeats.MlNet.Tests.Clustering;

public sealed class KMeansBeatClustererTests
{
    [Fact]
    public void ThreeWellSeparatedGroupsAreFoundWithTheirMeansAndTheSameSeedGivesTheSameAnswer()
    {
        // 2-D points around (0, 0), (10, 0) and (0, 10), 5, 4 and 3 of them, each within 0.5 of its centre: any sound
        // k-means with k = 3 returns exactly these groups, and centres at the groups' means (worked out below).
        float[][] rows =
        [
            [0, 0], [0.5f, 0], [0, 0.5f], [-0.5f, 0], [0, -0.5f],
            [10, 0], [10.5f, 0], [9.5f, 0], [10, 0.5f],
            [0, 10], [0, 10.5f], [0.5f, 10],
        ];
        float[] points = [.. rows.SelectMany(r => r)];
        var clusters = KMeansBeatClusterer.Instance.Cluster(points, 2, k: 3, seed: 7);

        Assert.Equal(3, clusters.Count);
        int[] groups = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows.Length; j++)
                Assert.Equal(groups[i] == groups[j], clusters.Assignments[i] == clusters.Assignments[j]);
        Assert.Equal([5, 4, 3], clusters.Sizes().OrderDescending());
        var second = clusters.Centroids[clusters.Assignments[5]];
        Assert.Equal(10, second[0], 4);
        Assert.Equal(0.125, second[1], 4);
        var third = clusters.Centroids[clusters.Assignments[9]];
        Assert.Equal(1 / 6.0, third[0], 4);
        Assert.Equal(61 / 6.0, third[1], 4);

        Assert.Equal(clusters.Assignments, KMeansBeatClusterer.Instance.Cluster(points, 2, k: 3, seed: 7).Assignments);
        // More clusters asked for than points: one per point at most.
        Assert.True(KMeansBeatClusterer.Instance.Cluster([1, 2], 1, k: 5, seed: 1).Count <= 2);
    }
}
