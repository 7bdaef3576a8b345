using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Architectures;

/// <summary>
/// A dense network: 187 -> 256 -> ReLU -> Dropout 0.2 -> 128 -> ReLU -> Dropout 0.2 -> 64 -> ReLU -> 5.
/// Input (batch, 187) float32 beats in [0,1]; output (batch, 5) logits. 89,605 parameters.
/// With <see cref="BeatInput.ReadsSamples"/> false it reads the beat's features alone (9 for the inter-patient cut: 44,037 parameters).
/// </summary>
public sealed class AnnNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _layers;

    /// <summary>Creates the network; weights drawn from TorchSharp's generator (seed it first).</summary>
    public AnnNetwork(int beatLength = 187, int classes = 5, double dropout = 0.2) : this(BeatInput.Plain(beatLength), classes, dropout)
    {
    }

    /// <summary>Creates the network for beats read as <paramref name="input"/> says: every lead's samples, then the features it reads.</summary>
    public AnnNetwork(BeatInput input, int classes = 5, double dropout = 0.2) : base(nameof(AnnNetwork))
    {
        _input = input;
        int beatLength = (input.ReadsSamples ? input.Leads * input.Samples : 0) + input.Features;
        _layers = nn.Sequential(
            ("fc1", nn.Linear(beatLength, 256)), ("relu1", nn.ReLU()), ("drop1", nn.Dropout(dropout)),
            ("fc2", nn.Linear(256, 128)), ("relu2", nn.ReLU()), ("drop2", nn.Dropout(dropout)),
            ("fc3", nn.Linear(128, 64)), ("relu3", nn.ReLU()),
            ("out", nn.Linear(64, classes)));
        RegisterComponents();
    }

    private readonly BeatInput _input;

    /// <inheritdoc />
    public override Tensor forward(Tensor beats)
    {
        if (_input.Features == 0 && beats.shape[1] == (long)_input.Leads * _input.Samples) return _layers.forward(beats);
        using var scope = NewDisposeScope();
        if (!_input.ReadsSamples) return _layers.forward(_input.Extra(beats)).MoveToOuterDisposeScope();
        var flat = _input.Features == 0 ? beats.narrow(1, 0, (long)_input.Leads * _input.Samples) : cat([beats.narrow(1, 0, (long)_input.Leads * _input.Samples), _input.Extra(beats)], 1);
        return _layers.forward(flat).MoveToOuterDisposeScope();
    }
}
