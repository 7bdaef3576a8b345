using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Runtime;

/// <summary>
/// Batch normalisation over channels (Ioffe and Szegedy 2015), computed as TorchSharp's <c>nn.BatchNorm1d</c> with its
/// defaults computes it (epsilon 1e-5, momentum 0.1, affine, running statistics), with the same parameters and buffers
/// under the same names in the same order, so a weight file of either opens in the other and the numbers are the same.
/// Input (batch, channels) or (batch, channels, length); output the same shape.
/// </summary>
/// <remarks>
/// Why not TorchSharp's own: in training it counts batches with <c>num_batches_tracked.add_(1)</c>, which turns the 1
/// into a <see cref="Scalar"/> implicitly and passes only its handle on, so the garbage collector may free it on its
/// finalizer thread while libtorch still reads it (the class of bug <see cref="HeldScalar"/> and
/// <see cref="Training.AdamOptimizer"/> avoid; upstream, TorchSharp's open pull request 1496). CI crashed so once in a CNN
/// training test: "For integral input tensors, argument alpha must not be a floating point number", from
/// <c>THSTensor_add_scalar_</c>, the counter being the only integer tensor training adds to. Here the 1 is made
/// explicitly and held until the addition has returned. The count is kept, as TorchSharp and PyTorch keep it, though with
/// a fixed momentum nothing reads it.
/// </remarks>
public sealed class HeldBatchNorm1d : nn.Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-5, Momentum = 0.1;

    private readonly long _channels;

    // Named as the weight files name them; not readonly: moving the module to a device replaces them by these names.
    [ComponentName(Name = "weight")] private Parameter _weight;
    [ComponentName(Name = "bias")] private Parameter _bias;
    [ComponentName(Name = "running_mean")] private Tensor _runningMean;
    [ComponentName(Name = "running_var")] private Tensor _runningVar;
    [ComponentName(Name = "num_batches_tracked")] private Tensor _batchesTracked;

    /// <summary>Normalises <paramref name="channels"/> channels; scale 1, shift 0, running mean 0 and variance 1, as TorchSharp starts them.</summary>
    public HeldBatchNorm1d(long channels) : base("BatchNorm1d")
    {
        _channels = channels;
        _weight = new Parameter(ones(channels));
        _bias = new Parameter(zeros(channels));
        _runningMean = zeros(channels);
        _runningVar = ones(channels);
        _batchesTracked = tensor(0L);
        // Registered one by one, in TorchSharp's order, under its names: the weight files' keys.
        register_parameter("weight", _weight);
        register_parameter("bias", _bias);
        register_buffer("running_mean", _runningMean);
        register_buffer("running_var", _runningVar);
        register_buffer("num_batches_tracked", _batchesTracked);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (input.dim() is not (2 or 3) || input.shape[1] != _channels)
            throw new ArgumentException($"A batch norm over {_channels} channels expects (batch, {_channels}) or (batch, {_channels}, length); got ({string.Join(", ", input.shape)}).", nameof(input));
        if (training)
        {
            using var one = 1L.ToScalar();
            _batchesTracked.add_(one);
        }
        return nn.functional.batch_norm(input, _runningMean, _runningVar, _weight, _bias, training, Momentum, Epsilon);
    }
    // Disposed by Module.Dispose, which disposes every registered parameter and buffer.
}
