using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Io;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace EcgBeats.MlNet;

/// <summary>A trained ML.NET model behind <see cref="IBeatClassifier"/>; saved as <c>model.zip</c> + <c>model.json</c>. Nothing to dispose.</summary>
public sealed class ClassicalBeatClassifier : IBeatClassifier
{
    /// <summary>The ML.NET model file in a model folder.</summary>
    public const string ModelFile = "model.zip";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;

    /// <param name="ml">The context it was made or loaded in.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="card">Its card.</param>
    /// <param name="inputSchema">The schema it was fitted on (ML.NET saves it with the model).</param>
    internal ClassicalBeatClassifier(MLContext ml, ITransformer model, ModelCard card, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        Card = card;
        _inputSchema = inputSchema;
    }

    /// <inheritdoc />
    public string Name => Card.Model;

    /// <inheritdoc />
    public ModelCard Card { get; }

    /// <summary>Loads a model folder written by <see cref="Save(string)"/>.</summary>
    /// <exception cref="InvalidInputException">No card, or a missing or corrupt model file.</exception>
    public static ClassicalBeatClassifier Load(string folder) => Load(folder, ModelCard.Read(folder));

    /// <summary>Loads the model of a folder whose card is already read.</summary>
    /// <exception cref="InvalidInputException">A missing or corrupt model file.</exception>
    public static ClassicalBeatClassifier Load(string folder, ModelCard card)
    {
        string path = Path.Combine(folder, ModelFile);
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: the model file is missing");
        var ml = new MLContext(card.Seed);
        try
        {
            var model = ml.Model.Load(path, out var schema);
            return new ClassicalBeatClassifier(ml, model, card, schema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException or ArgumentException)
        {
            throw new InvalidInputException($"{path}: not a readable ML.NET model ({e.Message.Split('\n')[0]}); the file is corrupt or of another kind", e);
        }
    }

    /// <summary>Writes <c>model.zip</c> and <c>model.json</c> into <paramref name="folder"/>, each atomically.</summary>
    public void Save(string folder) => Save(folder, null);

    /// <inheritdoc />
    public void Save(string folder, IReadOnlyDictionary<string, string>? memberFolders)
    {
        Directory.CreateDirectory(folder);
        var memory = new MemoryStream();
        _ml.Model.Save(_model, _inputSchema, memory);
        AtomicFile.WriteAllBytes(Path.Combine(folder, ModelFile), memory.ToArray());
        Card.Write(folder);
    }

    /// <inheritdoc />
    public ClassProbabilities Predict(UnlabelledBeats beats)
    {
        Card.CheckInput(beats, "beats");
        int classes = Card.Classes.Count;
        // The model reads Features alone: labels were mapped to keys before it was fitted, not inside it.
        var scored = _model.Transform(BeatDataView.From(_ml, beats, new FeatureTable(Card.Representation.Layout)));
        // The Score slots follow the label keys, which were made in label order (0..4) from the
        // classes present in training; map each slot back to its class.
        var keys = default(VBuffer<uint>);
        scored.Schema["PredictedLabel"].GetKeyValues(ref keys);
        uint[] slotClass = keys.DenseValues().ToArray();
        var result = new float[(long)beats.Count * classes];
        int row = 0;
        foreach (var score in scored.GetColumn<VBuffer<float>>(BeatDataView.Score))
        {
            var values = score.DenseValues().ToArray();
            float sum = 0;
            for (int s = 0; s < values.Length; s++) sum += Math.Max(0, values[s]);
            for (int s = 0; s < values.Length; s++)
                result[row * classes + slotClass[s]] = sum > 0 ? Math.Max(0, values[s]) / sum : 1f / values.Length;
            row++;
        }
        return new ClassProbabilities(result, classes);
    }

    /// <summary>Nothing to free: the model is managed memory.</summary>
    public void Dispose()
    {
    }
}
