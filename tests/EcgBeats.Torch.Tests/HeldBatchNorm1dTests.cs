using EcgBeats.Torch.Runtime;
using EcgBeats.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Tests;

/// <summary>
/// <see cref="HeldBatchNorm1d"/> against the module it replaces, TorchSharp's <c>nn.BatchNorm1d</c>: the same keys in the
/// weight file, the same numbers to the last bit in training and evaluation, and each one's weight file opens in the other.
/// </summary>
public sealed class HeldBatchNorm1dTests
{
    private const int Channels = 8;

    /// <summary>A convolution (weights from seed 3) then the batch norm under test: (batch, 2, 30) -> (batch, 8, 30).</summary>
    private static nn.Module<Tensor, Tensor> Network(bool held)
    {
        torch.manual_seed(3);
        return nn.Sequential(("conv", nn.Conv1d(2, Channels, 5, padding: 2)), ("bn", held ? new HeldBatchNorm1d(Channels) : nn.BatchNorm1d(Channels)));
    }

    /// <summary>Trains 12 steps with Adam on batches of 16 (seed 11's data), so the running statistics and the affine weights all move.</summary>
    private static void Train(nn.Module<Tensor, Tensor> network)
    {
        torch.manual_seed(11);
        using var x = torch.randn(48, 2, 30).Times(3.0);
        using var target = torch.randn(48, Channels, 30);
        using var adam = new AdamOptimizer(network.parameters(), 1e-2);
        network.train();
        for (int s = 0; s < 12; s++)
        {
            using var scope = torch.NewDisposeScope();
            adam.ZeroGrad();
            var output = network.forward(x.narrow(0, 16 * (s % 3), 16));
            var loss = nn.functional.mse_loss(output, target.narrow(0, 16 * (s % 3), 16));
            loss.backward();
            adam.Step();
        }
    }

    private static bool SameBits(Tensor a, Tensor b) => a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && (a.dtype == ScalarType.Int64
        ? a.data<long>().ToArray().SequenceEqual(b.data<long>().ToArray())
        : a.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).SequenceEqual(b.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits)));

    [Fact]
    public void NamesItsWeightsAsTorchSharpsBatchNormDoesInTheSameOrder()
    {
        using var theirs = nn.BatchNorm1d(Channels);
        using var ours = new HeldBatchNorm1d(Channels);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], theirs.state_dict().Keys);
        Assert.Equal(theirs.state_dict().Keys, ours.state_dict().Keys);
        Assert.Equal(2, ours.parameters().Count());
    }

    [Fact]
    public void TrainsToTorchSharpsBatchNormWeightsAndStatisticsToTheLastBit()
    {
        using var reference = Network(held: false);
        using var held = Network(held: true);
        Train(reference);
        Train(held);

        var expected = reference.state_dict();
        var actual = held.state_dict();
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var key in expected.Keys) Assert.True(SameBits(expected[key], actual[key]), key);
        Assert.Equal(12L, actual["bn.num_batches_tracked"].item<long>());
        // The running statistics moved from their start (mean 0, variance 1): the comparison above compared learnt values.
        Assert.True(actual["bn.running_mean"].abs().max().item<float>() > 0.01f);

        reference.eval();
        held.eval();
        torch.manual_seed(12);
        using var beats = torch.randn(5, 2, 30);
        using (torch.no_grad())
        {
            using var a = reference.forward(beats);
            using var b = held.forward(beats);
            Assert.True(SameBits(a, b));
        }
    }

    [Fact]
    public void OpensAWeightFileTorchSharpsBatchNormWroteAndTheOtherWayRound()
    {
        var folder = Directory.CreateTempSubdirectory("ecgbeats-bn-");
        try
        {
            using var reference = Network(held: false);
            Train(reference);
            string theirs = Path.Combine(folder.FullName, "theirs.dat");
            reference.save(theirs);

            using var held = new HeldBatchNorm1d(Channels);
            using var heldNetwork = nn.Sequential(("conv", nn.Conv1d(2, Channels, 5, padding: 2)), ("bn", held));
            heldNetwork.load(theirs);
            string ours = Path.Combine(folder.FullName, "ours.dat");
            heldNetwork.save(ours);
            Assert.Equal(File.ReadAllBytes(theirs), File.ReadAllBytes(ours));

            using var back = Network(held: false);
            back.load(ours);
            foreach (var (key, value) in reference.state_dict()) Assert.True(SameBits(value, back.state_dict()[key]), key);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void RefusesInputWhoseChannelsDoNotMatch()
    {
        using var norm = new HeldBatchNorm1d(Channels);
        using var wrong = torch.zeros(4, Channels + 1, 10);
        var error = Assert.Throws<ArgumentException>(() => norm.forward(wrong));
        Assert.Contains("(4, 9, 10)", error.Message);
    }
}
