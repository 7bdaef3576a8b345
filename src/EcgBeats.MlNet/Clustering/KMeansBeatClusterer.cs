using EcgBeats.Adaptation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace EcgBeats.MlNet.Clustering;

/// <summary>
/// ML.NET's k-means (k-means++ initial centres, one thread so that a seed gives one answer) behind
/// <see cref="IBeatClusterer"/>, for <see cref="BeatReview"/>.
/// </summary>
public sealed class KMeansBeatClusterer : IBeatClusterer
{
    /// <summary>The one instance.</summary>
    public static KMeansBeatClusterer Instance { get; } = new();

    private KMeansBeatClusterer() { }

    private sealed class Point
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class Assigned
    {
        public uint PredictedLabel { get; set; }
    }

    /// <inheritdoc />
    public BeatClusters Cluster(float[] points, int width, int k, int seed)
    {
        if (width < 1 || points.Length % width != 0) throw new ArgumentException($"{points.Length} values are not rows of {width}", nameof(points));
        int n = points.Length / width;
        k = Math.Max(1, Math.Min(k, n));
        if (n == 0) return new BeatClusters([], []);
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Point));
        schema[nameof(Point.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(i => new Point { Features = points.AsSpan(i * width, width).ToArray() }), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Point.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        VBuffer<float>[] centres = [];
        model.Model.GetClusterCentroids(ref centres, out int count);
        int[] assignments = ml.Data.CreateEnumerable<Assigned>(model.Transform(data), reuseRowObject: false)
            .Select(a => (int)a.PredictedLabel - 1).ToArray(); // ML.NET numbers clusters from 1
        return new BeatClusters(assignments, centres.Take(count).Select(c => c.DenseValues().ToArray()).ToArray());
    }
}
