using EcgBeats.Beats;
using EcgBeats.Datasets;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace EcgBeats.MlNet;

/// <summary>Beats as an ML.NET data view: <c>Features</c> (the beat's <see cref="FeatureTable"/> row, float32) and, when labelled, <c>Label</c> (uint, the class).</summary>
internal static class BeatDataView
{
    public const string Features = "Features", Label = "Label", Score = "Score", Weight = "Weight";

    private sealed class LabelledRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    private sealed class WeightedRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
        public float Weight { get; set; }
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }

    /// <summary>Training rows: features, label and a weight per class (<paramref name="classWeights"/>[label]).</summary>
    public static IDataView From(MLContext ml, LabelledBeats beats, FeatureTable table, IReadOnlyList<double> classWeights)
    {
        var schema = SchemaDefinition.Create(typeof(WeightedRow));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.Width);
        var rows = Enumerable.Range(0, beats.Count).Select(i => new WeightedRow
        {
            Features = table.Row(beats.Beat(i)), Label = (uint)beats.Labels[i], Weight = (float)classWeights[beats.Labels[i]],
        });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Training rows: features and label.</summary>
    public static IDataView From(MLContext ml, LabelledBeats beats, FeatureTable table)
    {
        var schema = SchemaDefinition.Create(typeof(LabelledRow));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.Width);
        var rows = Enumerable.Range(0, beats.Count).Select(i => new LabelledRow { Features = table.Row(beats.Beat(i)), Label = (uint)beats.Labels[i] });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Rows to score: features alone.</summary>
    public static IDataView From(MLContext ml, UnlabelledBeats beats, FeatureTable table)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.Width);
        var rows = Enumerable.Range(0, beats.Count).Select(i => new Row { Features = table.Row(beats.Beat(i)) });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}
