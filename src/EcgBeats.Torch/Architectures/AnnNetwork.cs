using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Architectures;

/// <summary>
/// A dense network: 187 -> 256 -> ReLU -> Dropout 0.2 -> 128 -> ReLU -> Dropout 0.2 -> 64 -> ReLU -> 5.
/// Input (batch, 187) float32 beats in [0,1]; output (batch, 5) logits. 89,605 parameters.
/// </summary>
public sealed class AnnNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _layers;

    /// <summary>Creates the network; weights drawn from TorchSharp's generator (seed it first).</summary>
    public AnnNetwork(int beatLength = 187, int classes = 5, double dropout = 0.2) : base(nameof(AnnNetwork))
    {
        _layers = nn.Sequential(
            ("fc1", nn.Linear(beatLength, 256)), ("relu1", nn.ReLU()), ("drop1", nn.Dropout(dropout)),
            ("fc2", nn.Linear(256, 128)), ("relu2", nn.ReLU()), ("drop2", nn.Dropout(dropout)),
            ("fc3", nn.Linear(128, 64)), ("relu3", nn.ReLU()),
            ("out", nn.Linear(64, classes)));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor beats) => _layers.forward(beats);
}
