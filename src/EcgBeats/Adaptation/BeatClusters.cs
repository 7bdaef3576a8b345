namespace EcgBeats.Adaptation;

/// <summary>A partition of a record's beats into clusters (<see cref="IBeatClusterer"/>).</summary>
/// <param name="Assignments">Per beat, its cluster (0 to <see cref="Count"/> - 1).</param>
/// <param name="Centroids">Per cluster, its centre in the clustering's space (length: the points' width).</param>
public sealed record BeatClusters(int[] Assignments, float[][] Centroids)
{
    /// <summary>The number of clusters.</summary>
    public int Count => Centroids.Length;

    /// <summary>Per cluster, its number of beats.</summary>
    public int[] Sizes()
    {
        var sizes = new int[Count];
        foreach (int c in Assignments) sizes[c]++;
        return sizes;
    }
}

/// <summary>
/// Clusters points (one per beat) into k groups. The library's own implementation is in EcgBeats.MlNet
/// (<c>KMeansBeatClusterer</c>: ML.NET's k-means++); this interface keeps the review (<see cref="BeatReview"/>) free of it.
/// </summary>
public interface IBeatClusterer
{
    /// <summary>Clusters <paramref name="points"/> (n x width, row-major) into at most <paramref name="k"/> clusters, the same for the same <paramref name="seed"/>.</summary>
    /// <param name="points">The points, n rows of <paramref name="width"/> values.</param>
    /// <param name="width">Values per point.</param>
    /// <param name="k">The clusters wanted (fewer when there are fewer points).</param>
    /// <param name="seed">Seeds the initial centres.</param>
    BeatClusters Cluster(float[] points, int width, int k, int seed);
}
