using static TorchSharp.torch;

namespace EcgBeats.Torch.Architectures;

/// <summary>The deep architectures.</summary>
public enum NetworkKind
{
    /// <summary><see cref="AnnNetwork"/>.</summary>
    Ann,
    /// <summary><see cref="CnnNetwork"/>.</summary>
    Cnn,
    /// <summary><see cref="LstmNetwork"/>.</summary>
    Lstm,
    /// <summary><see cref="CnnTransformerNetwork"/>.</summary>
    Transformer,
}

/// <summary>Creates networks by kind, with their default hyper-parameters.</summary>
public static class Networks
{
    /// <summary>The command-line names, in training order.</summary>
    public static IReadOnlyList<NetworkKind> All { get; } = [NetworkKind.Ann, NetworkKind.Cnn, NetworkKind.Lstm, NetworkKind.Transformer];

    /// <summary>The name used on the command line and in model cards (ann, cnn, lstm, transformer).</summary>
    public static string Name(NetworkKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Parses a name; false when it is not a deep architecture.</summary>
    public static bool TryParse(string name, out NetworkKind kind) => Enum.TryParse(name, ignoreCase: true, out kind) && Enum.IsDefined(kind);

    /// <summary>A freshly initialised network (seed TorchSharp first for repeatable weights).</summary>
    public static nn.Module<Tensor, Tensor> Create(NetworkKind kind, int beatLength = 187, int classes = 5) => kind switch
    {
        NetworkKind.Ann => new AnnNetwork(beatLength, classes),
        NetworkKind.Cnn => new CnnNetwork(beatLength, classes),
        NetworkKind.Lstm => new LstmNetwork(classes),
        NetworkKind.Transformer => new CnnTransformerNetwork(beatLength, classes),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Architecture summary for model cards.</summary>
    public static string Describe(NetworkKind kind) => kind switch
    {
        NetworkKind.Ann => "Dense 187-256-128-64-5, ReLU, dropout 0.2 after the first two",
        NetworkKind.Cnn => "3 x [Conv1d k5 64ch same, BatchNorm, ReLU, MaxPool 2], Dense 64, ReLU, Dense 5",
        NetworkKind.Lstm => "Conv1d 1->16 k8 stride 4 (187->46 steps), ReLU, 2-layer LSTM hidden 64, last state, Dense 32, ReLU, Dense 5",
        NetworkKind.Transformer => "2 x [Conv1d k5 64ch same, BatchNorm, ReLU, MaxPool 2] (187->46), learned positions, 2 Transformer encoder layers (d 64, 4 heads, ff 128, dropout 0.1), mean over time, Dense 5",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Trainable parameters of a module.</summary>
    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());
}
