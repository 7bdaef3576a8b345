namespace EcgBeats.Classification;

/// <summary>
/// A model several threads may call: one prediction at a time (a TorchSharp module or an ML.NET prediction engine is
/// not safe to share), while the callers read, detect and cut their records in parallel. Disposing it disposes the model.
/// </summary>
public sealed class SerializedClassifier(IBeatClassifier model) : IBeatClassifier
{
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public string Name => model.Name;

    /// <inheritdoc />
    public ModelCard Card => model.Card;

    /// <inheritdoc />
    public ClassProbabilities Predict(Beats.UnlabelledBeats beats)
    {
        lock (_gate) return model.Predict(beats);
    }

    /// <inheritdoc />
    public void Save(string folder, IReadOnlyDictionary<string, string>? memberFolders = null)
    {
        lock (_gate) model.Save(folder, memberFolders);
    }

    /// <inheritdoc />
    public void Dispose() => model.Dispose();
}
