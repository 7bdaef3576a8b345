using TorchSharp;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Tests;

/// <summary>TorchSharp's native library loads here (see Directory.Build.targets) and can train.</summary>
public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void TinyConv1dNetworkLossGoesDownOnAFixedBatch()
    {
        torch.manual_seed(7);
        using var scope = torch.NewDisposeScope();
        // A fixed batch: 32 signals of length 64, class = whether a bump sits in the first half.
        var x = torch.randn(32, 1, 64) * 0.1f;
        var y = torch.zeros(32, dtype: ScalarType.Int64);
        for (int i = 0; i < 32; i++)
        {
            int at = i % 2 == 0 ? 10 : 45;
            x[i, 0, TensorIndex.Slice(at, at + 8)] += 1.0f;
            y[i] = i % 2;
        }
        var model = nn.Sequential(
            ("conv", nn.Conv1d(1, 4, 5, padding: 2)),
            ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool1d(8)),
            ("flat", nn.Flatten()),
            ("dense", nn.Linear(32, 2)));
        var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
        var lossFunction = nn.CrossEntropyLoss();

        float first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            optimizer.zero_grad();
            var loss = lossFunction.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            float value = loss.item<float>();
            if (step == 0) first = value;
            last = value;
        }

        Assert.True(float.IsFinite(first) && float.IsFinite(last));
        Assert.True(last < first * 0.5f, $"loss went from {first} to {last}: expected it to halve at least");
    }
}
