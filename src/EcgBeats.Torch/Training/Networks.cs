using EcgBeats.Models;
using EcgBeats.Torch.Architectures;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Training;

/// <summary>
/// The deep model kinds, each declared here once: name, summary, code version, architecture, and the training options
/// that differ from <see cref="TrainerOptions"/>' defaults. A new network is its module's file and one line here.
/// </summary>
public static class Networks
{
    private static readonly List<NetworkDefinition> Registered = [];

    /// <summary>A dense network (<see cref="AnnNetwork"/>).</summary>
    public static NetworkDefinition Ann { get; } = Add(new("ann", "dense network 256-128-64", 1, "Dense (every value of the beat, features too)-256-128-64-5, ReLU, dropout 0.2 after the first two", (input, classes) => new AnnNetwork(input, classes), new TrainerOptions { Epochs = 40, Patience = 6 }, readsFeaturesAlone: true,
        // For new patients it reads the rhythm and template features alone, augmented: on DS1's held-out records that
        // beat every waveform network and matched gbt's macro-F1 (docs/inter-patient.md, third declaration).
        newPatient: ModelOptions.None.With(DeepOptions.Inputs, NetworkInputs.Features).With(DeepOptions.Augment, true)));

    /// <summary>A 1-D convolutional network (<see cref="CnnNetwork"/>).</summary>
    public static NetworkDefinition Cnn { get; } = Add(new("cnn", "1-D convolutional network, 3 blocks of 64 channels", 1, "3 x [Conv1d k5 64ch same (leads as input channels), BatchNorm, ReLU, MaxPool 2], flattened, joined by any RR features, Dense 64, ReLU, Dense 5", (input, classes) => new CnnNetwork(input, classes), new TrainerOptions { Epochs = 14 }));

    /// <summary>
    /// The LSTM's threads by default: one. Its two layers over 46 steps make hundreds of small products per batch, and two
    /// threads meet at a barrier after each. Alone, two threads were 1.12-1.27 times as fast; beside a busy process one
    /// thread kept 100% of its speed and two 25-29%, and two trainings at once took 0.48-0.61 times as long as one after the
    /// other at one thread and 1.53-1.58 at two (docs/benchmarks.md, "Threads for the LSTM", issue #26). <c>--threads</c> overrides it.
    /// </summary>
    public const int LstmThreads = 1;

    /// <summary>A recurrent network behind a strided convolution (<see cref="LstmNetwork"/>).</summary>
    public static NetworkDefinition Lstm { get; } = Add(new("lstm", "strided convolution, then a 2-layer LSTM", 2, "Conv1d leads->16 k8 stride 4 (187->46 steps), BatchNorm, ReLU, 2-layer LSTM hidden 64, last state joined by any RR features, Dense 32, ReLU, Dense 5", (input, classes) => new LstmNetwork(input, classes), new TrainerOptions { Epochs = 20, LearningRate = 2e-3, ClipGradientNorm = 1.0, Patience = 5, Threads = LstmThreads }));

    /// <summary>A CNN front and Transformer encoder (<see cref="CnnTransformerNetwork"/>).</summary>
    public static NetworkDefinition Transformer { get; } = Add(new("transformer", "CNN front, then 2 Transformer encoder layers", 1, "2 x [Conv1d k5 64ch same, BatchNorm, ReLU, MaxPool 2] (187->46), learned positions, 2 Transformer encoder layers (d 64, 4 heads, ff 128, dropout 0.1), mean over time joined by any RR features, Dense 5", (input, classes) => new CnnTransformerNetwork(input, classes), new TrainerOptions { Epochs = 10 }));

    /// <summary>Every network, in registry order.</summary>
    public static IReadOnlyList<NetworkDefinition> All => Registered;

    /// <summary>The network of a name, or null when it is not a deep model.</summary>
    public static NetworkDefinition? Find(string name) => Registered.FirstOrDefault(n => n.Name == name);

    private static NetworkDefinition Add(NetworkDefinition network)
    {
        Registered.Add(network);
        return network;
    }
}
