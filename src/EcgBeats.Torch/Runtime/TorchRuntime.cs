using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Runtime;

/// <summary>Process-wide TorchSharp settings: threads, denormals, devices, versions.</summary>
public static partial class TorchRuntime
{
    /// <summary>
    /// Sets libtorch's intra-op thread count and flushes denormal floats to zero on this thread
    /// (and on the worker threads libtorch starts from it afterwards, which inherit it).
    /// </summary>
    /// <returns>Whether denormals are now flushed.</returns>
    public static bool Configure(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        bool flushed = FlushDenormals();
        torch.set_num_threads(threads);
        return flushed;
    }

    /// <summary>
    /// Sets the SSE control register's flush-to-zero and denormals-are-zero bits on the calling
    /// thread, what PyTorch's <c>set_flush_denormal(True)</c> does (TorchSharp has no binding for it).
    /// Denormal floats, which an LSTM's gates produce as they saturate, cost about a hundred times a
    /// normal multiply on x86. Linux x64 with glibc only (through <c>fegetenv</c>/<c>fesetenv</c>);
    /// elsewhere it returns false and changes nothing.
    /// </summary>
    public static bool FlushDenormals() => SetFlushDenormals(true);

    /// <summary>Sets or clears flush-to-zero and denormals-are-zero on the calling thread, as PyTorch's <c>set_flush_denormal</c>.</summary>
    /// <returns>Whether the setting took (false where unsupported).</returns>
    public static bool SetFlushDenormals(bool on)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        try
        {
            // glibc's x86-64 fenv_t: the x87 environment (28 bytes), then MXCSR at byte 28.
            Span<byte> environment = stackalloc byte[32];
            unsafe
            {
                fixed (byte* e = environment)
                {
                    if (FeGetEnv(e) != 0) return false;
                    uint mxcsr = BitConverter.ToUInt32(environment[28..]);
                    mxcsr = on ? mxcsr | FlushToZero | DenormalsAreZero : mxcsr & ~(FlushToZero | DenormalsAreZero);
                    BitConverter.TryWriteBytes(environment[28..], mxcsr);
                    if (FeSetEnv(e) != 0) return false;
                }
            }
            // Check that it took: a denormal product comes out as zero exactly when flushing.
            float tiny = SmallestNormal;
            return (tiny * Half == 0f) == on;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const uint FlushToZero = 0x8000, DenormalsAreZero = 0x0040;
    private static float SmallestNormal = 1.17549435e-38f; // not const: computed at run time, under the current MXCSR
    private static float Half = 0.5f;

    [LibraryImport("libm.so.6", EntryPoint = "fegetenv")]
    private static unsafe partial int FeGetEnv(byte* environment);

    [LibraryImport("libm.so.6", EntryPoint = "fesetenv")]
    private static unsafe partial int FeSetEnv(byte* environment);

    /// <summary>
    /// The TorchSharp device for a name: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.
    /// </summary>
    /// <exception cref="InvalidInputException">CUDA was asked for but this build or machine has none.</exception>
    public static Device ParseDevice(string name)
    {
        string lower = name.Trim().ToLowerInvariant();
        if (lower == "cpu") return torch.CPU;
        if (lower == "cuda" || lower.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new InvalidInputException(
                    $"device '{name}': CUDA is not available. This build links TorchSharp-cpu; on a machine with an NVIDIA GPU, " +
                    "build with -p:EcgBeatsTorchBackend=cuda (TorchSharp-cuda-linux) and the same command runs there.");
            return torch.device(lower);
        }
        throw new InvalidInputException($"device '{name}': expected cpu, cuda or cuda:N");
    }

    /// <summary>Versions that decide a model's numbers: EcgBeats, TorchSharp, libtorch, .NET.</summary>
    public static IReadOnlyDictionary<string, string> Versions() => new Dictionary<string, string>
    {
        ["EcgBeats"] = typeof(TorchRuntime).Assembly.GetName().Version?.ToString(3) ?? "?",
        ["TorchSharp"] = typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "?",
        [".NET"] = Environment.Version.ToString(),
        ["OS"] = RuntimeInformation.OSDescription,
    };
}
