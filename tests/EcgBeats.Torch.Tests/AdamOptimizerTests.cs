using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Tests;

/// <summary>
/// <see cref="AdamOptimizer"/> against the reference it replaces, TorchSharp's own <c>torch.optim.Adam</c>: the same
/// network, data and learning-rate changes must give the same weights to the last bit.
/// </summary>
public sealed class AdamOptimizerTests
{
    private static (nn.Module<Tensor, Tensor> Network, Tensor X, Tensor Y) Setup()
    {
        torch.manual_seed(7);
        var network = new AnnNetwork(20, 5);
        var x = torch.rand(64, 20);
        var y = torch.randint(0, 5, [64], dtype: ScalarType.Int64);
        return (network, x, y);
    }

    /// <summary>Runs <paramref name="steps"/> batches of 16 with a learning rate that changes every step, gradients clipped.</summary>
    private static void Train(nn.Module<Tensor, Tensor> network, Tensor x, Tensor y, int steps, Action<double> rate, Action zero, Action step)
    {
        using var loss = nn.CrossEntropyLoss();
        network.train();
        for (int s = 0; s < steps; s++)
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(100 + s); // dropout
            rate(1e-3 * (1 + s % 5));
            zero();
            var output = loss.forward(network.forward(x.narrow(0, 16 * (s % 4), 16)), y.narrow(0, 16 * (s % 4), 16));
            output.backward();
            nn.utils.clip_grad_norm_(network.parameters(), 1.0);
            step();
        }
    }

    /// <summary>The same float bits in every element.</summary>
    private static bool Same(Tensor a, Tensor b) =>
        a.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).SequenceEqual(b.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-4)]
    public void GivesTorchSharpsAdamWeightsToTheLastBit(double weightDecay)
    {
        var (reference, x, y) = Setup();
        var theirs = torch.optim.Adam(reference.parameters(), 1e-3, weight_decay: weightDecay);
        Train(reference, x, y, 40, r => { foreach (var g in theirs.ParamGroups) g.LearningRate = r; }, theirs.zero_grad, () => theirs.step());

        var (mine, _, _) = Setup();
        using var ours = new AdamOptimizer(mine.parameters(), 1e-3, weightDecay);
        Train(mine, x, y, 40, r => ours.LearningRate = r, ours.ZeroGrad, ours.Step);

        var expected = reference.parameters().ToList();
        var actual = mine.parameters().ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.NotEmpty(expected);
        for (int i = 0; i < expected.Count; i++) Assert.True(Same(expected[i], actual[i]), $"parameter {i} differs");
        // And training moved them: the comparison is not of untouched weights.
        var (fresh, _, _) = Setup();
        Assert.False(Same(fresh.parameters().First(), actual[0]));
    }

    [Fact]
    public void ASavedStateResumesExactlyAndAStateOfAnotherNetworkIsRefused()
    {
        using var temp = EcgBeats.TestSupport.TestData.TempFolder();
        var (whole, x, y) = Setup();
        using (var optimizer = new AdamOptimizer(whole.parameters(), 1e-3))
            Train(whole, x, y, 20, r => optimizer.LearningRate = r, optimizer.ZeroGrad, optimizer.Step);

        var (halves, _, _) = Setup();
        using (var first = new AdamOptimizer(halves.parameters(), 1e-3))
        {
            Train(halves, x, y, 10, r => first.LearningRate = r, first.ZeroGrad, first.Step);
            first.Save(temp.File("adam.bin"));
        }
        using (var second = new AdamOptimizer(halves.parameters(), 1e-3))
        {
            second.Load(temp.File("adam.bin"));
            // The second half sees the same batches and rates as the uninterrupted run's steps 10..19.
            using var loss = nn.CrossEntropyLoss();
            for (int s = 10; s < 20; s++)
            {
                using var scope = torch.NewDisposeScope();
                torch.manual_seed(100 + s);
                second.LearningRate = 1e-3 * (1 + s % 5);
                second.ZeroGrad();
                loss.forward(halves.forward(x.narrow(0, 16 * (s % 4), 16)), y.narrow(0, 16 * (s % 4), 16)).backward();
                nn.utils.clip_grad_norm_(halves.parameters(), 1.0);
                second.Step();
            }
        }
        foreach (var (a, b) in whole.parameters().Zip(halves.parameters())) Assert.True(Same(a, b));

        using var other = new AdamOptimizer(new AnnNetwork(20, 3).parameters().Take(2), 1e-3);
        Assert.Throws<InvalidDataException>(() => other.Load(temp.File("adam.bin")));
        File.WriteAllText(temp.File("junk.bin"), "not a state");
        Assert.Throws<InvalidDataException>(() => other.Load(temp.File("junk.bin")));
    }
}
