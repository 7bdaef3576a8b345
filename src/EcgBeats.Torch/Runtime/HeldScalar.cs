using TorchSharp;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Runtime;

/// <summary>
/// Tensor arithmetic with a number, with the number's <see cref="Scalar"/> held until libtorch has read it. TorchSharp
/// turns a number into a Scalar implicitly (<c>tensor * 0.05</c>) and passes only its handle on, so the garbage
/// collector may free it on its finalizer thread while libtorch still reads it: CI crashed so, now and then, with
/// "Unknown scalar type" or "toFloat" errors from div, add and addcmul_ (see <see cref="Training.AdamOptimizer"/>).
/// Each call here makes the Scalar itself and disposes it after the operation returns, the same operation on the same
/// value, so the same numbers.
/// </summary>
public static class HeldScalar
{
    /// <summary><c>tensor * value</c>.</summary>
    public static Tensor Times(this Tensor tensor, double value) => Held(tensor, value.ToScalar(), static (t, s) => t.mul(s));

    /// <summary><c>tensor + value</c>.</summary>
    public static Tensor Plus(this Tensor tensor, double value) => Held(tensor, value.ToScalar(), static (t, s) => t.add(s));

    /// <summary><c>tensor + value</c> for an integer tensor (the Scalar an integer, as <c>tensor + 1</c> makes it).</summary>
    public static Tensor Plus(this Tensor tensor, long value) => Held(tensor, value.ToScalar(), static (t, s) => t.add(s));

    /// <summary><c>tensor - value</c>.</summary>
    public static Tensor Minus(this Tensor tensor, double value) => Held(tensor, value.ToScalar(), static (t, s) => t.sub(s));

    /// <summary><c>tensor / value</c>.</summary>
    public static Tensor Over(this Tensor tensor, double value) => Held(tensor, value.ToScalar(), static (t, s) => t.div(s));

    /// <summary><c>tensor.clamp(lowest, highest)</c>, both integers (as <c>clamp(0, n)</c> makes them).</summary>
    public static Tensor Between(this Tensor tensor, long lowest, long highest)
    {
        using Scalar low = lowest.ToScalar(), high = highest.ToScalar();
        return tensor.clamp(low, high);
    }

    /// <summary>Runs <paramref name="operation"/>, then disposes the Scalar: it is referenced, so alive, until the operation has returned.</summary>
    private static Tensor Held(Tensor tensor, Scalar scalar, Func<Tensor, Scalar, Tensor> operation)
    {
        using (scalar) return operation(tensor, scalar);
    }
}
