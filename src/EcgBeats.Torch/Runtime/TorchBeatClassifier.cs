using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Io;
using TorchSharp;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Runtime;

/// <summary>A trained TorchSharp network behind <see cref="IBeatClassifier"/>; saved as <c>model.pt</c> + <c>model.json</c>.</summary>
public sealed class TorchBeatClassifier : IBeatClassifier, IDisposable
{
    /// <summary>The weights file in a model folder.</summary>
    public const string WeightsFile = "model.pt";

    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly Device _device;

    internal TorchBeatClassifier(nn.Module<Tensor, Tensor> network, ModelCard card, Device device)
    {
        _network = network;
        _device = device;
        Card = card;
    }

    /// <inheritdoc />
    public string Name => Card.Model;

    /// <inheritdoc />
    public ModelCard Card { get; }

    /// <summary>What saving into a folder also does (the trainer removes its checkpoint there).</summary>
    internal Action<string>? AfterSave { get; init; }

    /// <summary>The network (for tests and benchmarks).</summary>
    public nn.Module<Tensor, Tensor> Network => _network;

    /// <summary>Beats per inference batch (256: faster than 1024 on CPU, the same logits; the trainer's inference batch).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>
    /// Loads a model folder's weights into <paramref name="network"/>, a fresh network of the card's architecture
    /// (<see cref="TorchModels.Load(string, string)"/> makes it from the card).
    /// </summary>
    /// <exception cref="InvalidInputException">Missing or corrupt weights.</exception>
    internal static TorchBeatClassifier Load(string folder, ModelCard card, nn.Module<Tensor, Tensor> network, string device)
    {
        string weights = Path.Combine(folder, WeightsFile);
        if (!File.Exists(weights))
        {
            network.Dispose();
            throw new InvalidInputException($"{weights}: the weights file is missing");
        }
        var target = TorchRuntime.ParseDevice(device);
        try
        {
            network.load(weights);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            network.Dispose();
            throw new InvalidInputException($"{weights}: not readable as {card.Model} weights for {card.ValuesPerBeat}-value beats ({e.GetType().Name}: {Quote.Short(e.Message.Split('\n')[0])}); the file is corrupt or belongs to another model", e);
        }
        // Weights that load but hold NaN or infinity would call every beat one class without a word: refuse them by name.
        foreach (var (name, parameter) in network.named_parameters())
        {
            // Both temporaries disposed here, on this thread: a tensor left to the finalizer frees native memory from the
            // GC's thread while libtorch works on others, which corrupts its heap.
            using var isFinite = parameter.isfinite();
            using var finite = isFinite.all();
            if (!finite.item<bool>())
            {
                network.Dispose();
                throw new InvalidInputException($"{weights}: parameter '{name}' holds NaN or infinite values; the file is damaged (retrain, or restore it)");
            }
        }
        network.to(target);
        network.eval();
        return new TorchBeatClassifier(network, card, target);
    }

    /// <summary>Writes <c>model.pt</c> and <c>model.json</c> into <paramref name="folder"/>, each atomically, and removes the training checkpoint there.</summary>
    public void Save(string folder) => Save(folder, null);

    /// <inheritdoc />
    public void Save(string folder, IReadOnlyDictionary<string, string>? memberFolders)
    {
        Directory.CreateDirectory(folder);
        SaveWeights(_network, Path.Combine(folder, WeightsFile));
        Card.Write(folder);
        // The model is whole on disk: the checkpoint it was trained through is no longer needed.
        AfterSave?.Invoke(folder);
    }

    internal static void SaveWeights(nn.Module module, string path)
    {
        // TorchSharp closes the stream it saves to, so save to memory (ToArray still works then).
        var memory = new MemoryStream();
        module.save(memory);
        AtomicFile.WriteAllBytes(path, memory.ToArray());
    }

    /// <inheritdoc />
    public ClassProbabilities Predict(UnlabelledBeats beats)
    {
        Card.CheckInput(beats, "beats");
        var result = new float[(long)beats.Count * Card.Classes.Count];
        _network.eval();
        using var inference = torch.inference_mode();
        for (int start = 0; start < beats.Count; start += BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            int n = Math.Min(BatchSize, beats.Count - start);
            var input = torch.tensor(beats.Values.AsSpan(start * beats.ValuesPerBeat, n * beats.ValuesPerBeat).ToArray(), [n, beats.ValuesPerBeat]).to(_device);
            var probabilities = nn.functional.softmax(_network.forward(input), 1).cpu();
            probabilities.data<float>().CopyTo(result.AsSpan(start * Card.Classes.Count, n * Card.Classes.Count));
        }
        return new ClassProbabilities(result, Card.Classes.Count);
    }

    /// <inheritdoc />
    public void Dispose() => _network.Dispose();
}
