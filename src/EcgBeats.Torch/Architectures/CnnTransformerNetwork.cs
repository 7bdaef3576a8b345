using EcgBeats.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Architectures;

/// <summary>
/// A CNN + Transformer hybrid: 2 x [Conv1d(k=5, 64 channels, same) -> BatchNorm -> ReLU -> MaxPool(2)]
/// (length 187 -> 93 -> 46) -> learned positional embedding (46 x 64) -> 2 Transformer encoder layers
/// (d = 64, 4 heads, feed-forward 128, dropout 0.1) -> mean over time -> Dense 5.
/// Input (batch, 187) float32 beats in [0,1]; output (batch, 5) logits. 91,397 parameters.
/// With several leads they are the first convolution's channels; extra features (RR intervals) join the pooled encoding
/// before the output layer (a fusion head).
/// </summary>
public sealed class CnnTransformerNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _features;
    private readonly Parameter _position;
    private readonly TransformerEncoder _encoder;
    private readonly Linear _out;

    /// <summary>Creates the network; weights drawn from TorchSharp's generator (seed it first).</summary>
    public CnnTransformerNetwork(int beatLength = 187, int classes = 5, int model = 64, int heads = 4, int feedForward = 128,
        int layers = 2, double dropout = 0.1) : this(BeatInput.Plain(beatLength), classes, model, heads, feedForward, layers, dropout)
    {
    }

    /// <summary>Creates the network for beats read as <paramref name="input"/> says.</summary>
    public CnnTransformerNetwork(BeatInput input, int classes = 5, int model = 64, int heads = 4, int feedForward = 128,
        int layers = 2, double dropout = 0.1) : base(nameof(CnnTransformerNetwork))
    {
        _input = input;
        _features = nn.Sequential(
            ("conv1", nn.Conv1d(input.Leads, model, 5, padding: 2)), ("bn1", new HeldBatchNorm1d(model)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool1d(2)),
            ("conv2", nn.Conv1d(model, model, 5, padding: 2)), ("bn2", new HeldBatchNorm1d(model)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool1d(2)));
        long steps = input.Samples / 2 / 2;
        _position = new Parameter(torch.randn(steps, 1, model).Times(0.02));
        _encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(model, heads, feedForward, dropout), layers);
        _out = nn.Linear(model + input.Features, classes);
        RegisterComponents();
    }

    private readonly BeatInput _input;

    /// <inheritdoc />
    public override Tensor forward(Tensor beats)
    {
        using var morphology = _input.Morphology(beats);
        using var features = _features.forward(morphology);         // (batch, 64, 46)
        using var sequence = features.permute(2, 0, 1);             // (46, batch, 64): TorchSharp's encoder is sequence-first
        using var positioned = sequence + _position;
        using var encoded = _encoder.forward(positioned, null, null);
        using var pooled = encoded.mean([0]);                         // (batch, 64)
        if (_input.Features == 0) return _out.forward(pooled);
        using var extra = _input.Extra(beats);
        using var joined = cat([pooled, extra], 1);
        return _out.forward(joined);
    }
}
