using EcgBeats.Datasets;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace EcgBeats.MlNet;

/// <summary>Beats as an ML.NET data view: <c>Features</c> (vector of 187 float32) and <c>Label</c> (uint, the class).</summary>
internal static class BeatDataView
{
    public const string Features = "Features", Label = "Label", Score = "Score";

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    public static IDataView From(MLContext ml, BeatSet beats)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, beats.BeatLength);
        var rows = Enumerable.Range(0, beats.Count).Select(i => new Row { Features = beats.Beat(i).ToArray(), Label = (uint)beats.Labels[i] });
        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}
