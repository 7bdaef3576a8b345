using EcgBeats.Representations;
using TorchSharp;
using static TorchSharp.torch;
using EcgBeats.Torch.Training;
using EcgBeats.Torch.Architectures;

namespace EcgBeats.Torch.Tests;

public sealed class ArchitectureTests
{
    // Parameter counts worked out by hand from the layer sizes (weights + biases):
    // ANN: 187*256+256 + 256*128+128 + 128*64+64 + 64*5+5.
    // CNN: (1*64*5+64) + 2*(64*64*5+64) + 3*(64+64) BatchNorm + (64*23)*64+64 + 64*5+5.
    // LSTM: conv 1*16*8+16; layer 1: 4*64*(16+64) + 2*4*64; layer 2: 4*64*(64+64) + 2*4*64; 64*32+32; 32*5+5.
    // Transformer: conv 384 + 20,544, BatchNorm 2*128, positions 46*64, per encoder layer
    // (3*64*64+3*64) + (64*64+64) + (64*128+128) + (128*64+64) + 2*(64+64), two layers, 64*5+5.
    [Theory]
    [InlineData("ann", 187 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 * 5 + 5)]
    [InlineData("cnn", 1 * 64 * 5 + 64 + 2 * (64 * 64 * 5 + 64) + 3 * 128 + 64 * 23 * 64 + 64 + 64 * 5 + 5)]
    [InlineData("lstm", 1 * 16 * 8 + 16 + 2 * 16 + 4 * 64 * 80 + 512 + 4 * 64 * 128 + 512 + 64 * 32 + 32 + 32 * 5 + 5)]
    [InlineData("transformer", 384 + 20544 + 2 * 128 + 46 * 64 + 2 * (12480 + 4160 + 8320 + 8256 + 256) + 325)]
    public void ParameterCountsMatchTheLayerSizes(string kind, int expected)
    {
        using var network = Networks.Find(kind)!.Create(KaggleMitBihRepresentation.Layout);
        Assert.Equal(expected, NetworkDefinition.ParameterCount(network));
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("cnn")]
    [InlineData("lstm")]
    [InlineData("transformer")]
    public void BeatsInLogitsOut(string kind)
    {
        torch.manual_seed(3);
        using var network = Networks.Find(kind)!.Create(KaggleMitBihRepresentation.Layout);
        network.eval();
        using var beats = torch.rand(7, 187);
        using var logits = network.forward(beats);
        Assert.Equal(new long[] { 7, 5 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void TheDenseNetworkOnTheFeaturesAloneReadsNothingElse()
    {
        // The inter-patient cut: 2 leads x 90 samples, then 13 features, of which the 9 not in seconds are read.
        var layout = RhythmMorphologyRepresentation.LayoutFor(2);
        Assert.Equal(9, layout.ModelFeatures().Count);
        torch.manual_seed(5);
        using var network = Networks.Ann.Create(layout, 5, NetworkInputs.Features);
        // By hand: 9*256+256 + 256*128+128 + 128*64+64 + 64*5+5 = 44,037.
        Assert.Equal(44_037, NetworkDefinition.ParameterCount(network));
        network.eval();
        int values = 2 * 90 + 13;
        using var beats = torch.rand(4, values);
        using var logits = network.forward(beats);
        // Other samples, the same features: the same logits.
        using var otherSamples = beats.clone();
        otherSamples.narrow(1, 0, 180).copy_(torch.rand(4, 180));
        using var same = network.forward(otherSamples);
        Assert.True(logits.allclose(same));
        // Another feature read: other logits.
        using var otherFeature = beats.clone();
        otherFeature.narrow(1, 180 + 4, 1).add_(3);
        using var other = network.forward(otherFeature);
        Assert.False(logits.allclose(other));
    }

    [Fact]
    public void OnlyTheDenseNetworkReadsTheFeaturesAloneAndOnlyWhereThereAreSome()
    {
        var layout = RhythmMorphologyRepresentation.LayoutFor(2);
        var e = Assert.Throws<InvalidInputException>(() => Networks.Cnn.Create(layout, 5, NetworkInputs.Features));
        Assert.Contains("reads waveforms", e.Message);
        e = Assert.Throws<InvalidInputException>(() => Networks.Ann.Create(KaggleMitBihRepresentation.Layout, 5, NetworkInputs.Features));
        Assert.Contains("no features", e.Message);
    }

    [Fact]
    public void EveryNetworkIsDeclaredOnceWithItsOwnDefaults()
    {
        // The registry is the one place a network's name and defaults live (docs/models.md lists the same).
        Assert.Equal(["ann", "cnn", "lstm", "transformer"], Networks.All.Select(n => n.Name));
        Assert.Equal([40, 14, 20, 10], Networks.All.Select(n => n.Defaults.Epochs));
        Assert.Equal(2e-3, Networks.Lstm.Defaults.LearningRate);
        Assert.Equal(1.0, Networks.Lstm.Defaults.ClipGradientNorm);
        Assert.All(Networks.All, n => Assert.Equal("deep", n.Family));
    }
}
