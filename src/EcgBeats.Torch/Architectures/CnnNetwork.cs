using EcgBeats.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Architectures;

/// <summary>
/// A 1-D convolutional network: 3 x [Conv1d(k=5, 64 channels, same padding) -> BatchNorm -> ReLU ->
/// MaxPool(2)] (length 187 -> 93 -> 46 -> 23) -> Flatten (1,472) -> Dense 64 -> ReLU -> Dense 5.
/// Input (batch, 187) float32 beats in [0,1]; output (batch, 5) logits. 136,453 parameters.
/// With several leads they are the first convolution's channels; with extra features (RR intervals) they join the
/// flattened convolution output before the dense layers (a fusion head).
/// </summary>
public sealed class CnnNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _features;
    private readonly Sequential _head;

    /// <summary>Creates the network; weights drawn from TorchSharp's generator (seed it first).</summary>
    public CnnNetwork(int beatLength = 187, int classes = 5, int channels = 64, int blocks = 3) : this(BeatInput.Plain(beatLength), classes, channels, blocks)
    {
    }

    /// <summary>Creates the network for beats read as <paramref name="input"/> says.</summary>
    public CnnNetwork(BeatInput input, int classes = 5, int channels = 64, int blocks = 3) : base(nameof(CnnNetwork))
    {
        _input = input;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long length = input.Samples;
        for (int b = 0; b < blocks; b++)
        {
            layers.Add(($"conv{b + 1}", nn.Conv1d(b == 0 ? input.Leads : channels, channels, 5, padding: 2)));
            layers.Add(($"bn{b + 1}", new HeldBatchNorm1d(channels)));
            layers.Add(($"relu{b + 1}", nn.ReLU()));
            layers.Add(($"pool{b + 1}", nn.MaxPool1d(2)));
            length /= 2;
        }
        _features = nn.Sequential(layers);
        _flatten = nn.Flatten();
        _head = nn.Sequential(
            ("fc", nn.Linear(channels * length + input.Features, 64)), ("relu", nn.ReLU()),
            ("out", nn.Linear(64, classes)));
        RegisterComponents();
    }

    private readonly BeatInput _input;
    private readonly Flatten _flatten;

    /// <inheritdoc />
    public override Tensor forward(Tensor beats)
    {
        using var scope = NewDisposeScope();
        var morphology = _flatten.forward(_features.forward(_input.Morphology(beats)));
        var joined = _input.Features == 0 ? morphology : cat([morphology, _input.Extra(beats)], 1);
        return _head.forward(joined).MoveToOuterDisposeScope();
    }
}
