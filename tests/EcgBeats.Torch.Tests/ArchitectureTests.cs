using EcgBeats.Torch.Architectures;
using TorchSharp;
using static TorchSharp.torch;

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
    [InlineData(NetworkKind.Ann, 187 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 * 5 + 5)]
    [InlineData(NetworkKind.Cnn, 1 * 64 * 5 + 64 + 2 * (64 * 64 * 5 + 64) + 3 * 128 + 64 * 23 * 64 + 64 + 64 * 5 + 5)]
    [InlineData(NetworkKind.Lstm, 1 * 16 * 8 + 16 + 4 * 64 * 80 + 512 + 4 * 64 * 128 + 512 + 64 * 32 + 32 + 32 * 5 + 5)]
    [InlineData(NetworkKind.Transformer, 384 + 20544 + 2 * 128 + 46 * 64 + 2 * (12480 + 4160 + 8320 + 8256 + 256) + 325)]
    public void ParameterCountsMatchTheLayerSizes(NetworkKind kind, int expected)
    {
        using var network = Networks.Create(kind);
        Assert.Equal(expected, Networks.ParameterCount(network));
    }

    [Theory]
    [InlineData(NetworkKind.Ann)]
    [InlineData(NetworkKind.Cnn)]
    [InlineData(NetworkKind.Lstm)]
    [InlineData(NetworkKind.Transformer)]
    public void BeatsInLogitsOut(NetworkKind kind)
    {
        torch.manual_seed(3);
        using var network = Networks.Create(kind);
        network.eval();
        using var beats = torch.rand(7, 187);
        using var logits = network.forward(beats);
        Assert.Equal(new long[] { 7, 5 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }
}
