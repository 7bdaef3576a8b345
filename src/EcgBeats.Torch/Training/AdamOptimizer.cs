using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Training;

/// <summary>
/// Adam (Kingma and Ba 2015) computed exactly as TorchSharp's <c>torch.optim.Adam</c> computes it: the same operations in
/// the same order on the same values, so the same weights to the last bit (tested against it), with every
/// <see cref="Scalar"/> made explicitly and held until the native call that reads it has returned.
/// </summary>
/// <remarks>
/// Why not TorchSharp's own: its Adam turns doubles into Scalars implicitly (<c>addcmul_(grad, grad, value: 1 - beta2)</c>)
/// and passes only their handles on, so nothing keeps the Scalar alive during the call; the garbage collector may
/// finalize it, freeing the native scalar, while libtorch still reads it. CI saw it as an occasional crash with tests
/// training side by side ("Expected false to be true ... toFloat", in <c>addcmul_</c> from <c>Adam.step</c>; upstream:
/// TorchSharp's open pull request 1496 on implicit Scalars). The state (first and second moments, step counts) is saved
/// in a format of its own for checkpoints.
/// </remarks>
public sealed class AdamOptimizer : IDisposable
{
    /// <summary>What a saved state starts with.</summary>
    private const string FormatName = "ecgbeats-adam/1";

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoment, _secondMoment;
    private readonly long[] _steps;
    private readonly double _weightDecay, _beta1, _beta2, _epsilon;

    /// <summary>Adam over <paramref name="parameters"/>, with TorchSharp's defaults (betas 0.9 and 0.999, epsilon 1e-8).</summary>
    /// <param name="parameters">The parameters to update, in a fixed order (a saved state is matched to them by position).</param>
    /// <param name="learningRate">The step size; <see cref="LearningRate"/> changes it between steps.</param>
    /// <param name="weightDecay">L2 weight decay, added to each gradient as Adam (not AdamW) does.</param>
    /// <param name="beta1">Decay of the first moment (the gradients' running mean).</param>
    /// <param name="beta2">Decay of the second moment (the squared gradients' running mean).</param>
    /// <param name="epsilon">Added to the second moment's root, against division by zero.</param>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = parameters.ToArray();
        _firstMoment = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoment = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _steps = new long[_parameters.Length];
        (LearningRate, _weightDecay, _beta1, _beta2, _epsilon) = (learningRate, weightDecay, beta1, beta2, epsilon);
    }

    /// <summary>The step size of the next <see cref="Step"/> (a schedule sets it before each).</summary>
    public double LearningRate { get; set; }

    /// <summary>Zeroes every parameter's gradient, as TorchSharp's <c>zero_grad</c> does.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using Scalar beta1 = _beta1.ToScalar(), keep1 = (1 - _beta1).ToScalar(), beta2 = _beta2.ToScalar(), keep2 = (1 - _beta2).ToScalar(),
            epsilon = _epsilon.ToScalar(), decay = _weightDecay.ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var gradient = parameter.grad;
            if (gradient is null) continue;
            _steps[i]++;
            double correction1 = 1 - Math.Pow(_beta1, _steps[i]), correction2 = 1 - Math.Pow(_beta2, _steps[i]);
            if (_weightDecay != 0) gradient = gradient.add(parameter, alpha: decay);
            _firstMoment[i].mul_(beta1).add_(gradient, alpha: keep1);
            _secondMoment[i].mul_(beta2).addcmul_(gradient, gradient.conj(), value: keep2);
            using Scalar root2 = Math.Sqrt(correction2).ToScalar(), stepSize = (-(LearningRate / correction1)).ToScalar();
            var denominator = (_secondMoment[i].sqrt() / root2).add_(epsilon);
            parameter.addcdiv_(_firstMoment[i], denominator, value: stepSize);
        }
    }

    /// <summary>Writes the state (step counts and both moments) to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(FormatName);
        writer.Write(_parameters.Length);
        for (int i = 0; i < _parameters.Length; i++)
        {
            writer.Write(_steps[i]);
            _firstMoment[i].Save(writer);
            _secondMoment[i].Save(writer);
        }
    }

    /// <summary>Reads a state <see cref="Save"/> wrote for the same parameters.</summary>
    /// <exception cref="InvalidDataException">Not such a state, or one for other parameters.</exception>
    public void Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        string format;
        try { format = reader.ReadString(); }
        catch (EndOfStreamException) { format = ""; }
        if (format != FormatName) throw new InvalidDataException($"not an EcgBeats Adam state (expected '{FormatName}')");
        int count = reader.ReadInt32();
        if (count != _parameters.Length) throw new InvalidDataException($"a state for {count} parameter tensors; the network has {_parameters.Length}");
        for (int i = 0; i < count; i++)
        {
            _steps[i] = reader.ReadInt64();
            _firstMoment[i].Load(reader);
            _secondMoment[i].Load(reader);
        }
    }

    /// <summary>Frees both moments.</summary>
    public void Dispose()
    {
        foreach (var t in _firstMoment.Concat(_secondMoment)) t.Dispose();
    }
}
