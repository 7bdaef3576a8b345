using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EcgBeats.Torch.Runtime;

/// <summary>
/// How long libtorch's OpenMP threads spin before they sleep, set before libtorch loads.
/// </summary>
/// <remarks>
/// At every parallel region's end a libgomp thread that finishes early busy-waits for its partners: 300,000 spins by
/// default (milliseconds). On a machine where another process holds a core, the partner it waits for is often not
/// running, so the spinning thread burns the very core the partner needs: two 2-thread trainings at once took 1.8-2.9
/// times as long as one after the other, and beside one busy process a network kept 30-48% of its speed. With 3,000
/// spins (<see cref="SpinCount"/>) two at once took 0.7-1.04 times as long, and the quick profile alone was no slower;
/// sleeping at once (spin 0, what <c>OMP_WAIT_POLICY=PASSIVE</c> gives) made its LSTM twice as slow alone
/// (docs/benchmarks.md, "How libtorch's threads wait"). libgomp reads the setting from the process environment once,
/// as it loads, so it is put there at this library's first use, before its first TorchSharp call loads libtorch. It changes
/// no number a model computes (the thread count does; the spin only decides how a thread waits). A user's own
/// <c>GOMP_SPINCOUNT</c> or <c>OMP_WAIT_POLICY</c> is left alone. Linux only: libtorch's macOS and Windows builds use
/// other OpenMP runtimes.
/// </remarks>
public static partial class OpenMpWaiting
{
    /// <summary>Spins before a waiting libgomp thread sleeps, chosen by the benchmark <c>contention --spin</c>.</summary>
    public const int SpinCount = 3000;

#pragma warning disable CA2255 // a library's module initializer on purpose: it must run before libtorch loads, whoever calls first
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        FreshPages.Apply();   // the allocator's settings, at the same first use
        if (!OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null) return;
        string value = SpinCount.ToString(CultureInfo.InvariantCulture);
        try
        {
            // .NET's Environment.SetEnvironmentVariable changes only the runtime's own copy on Unix; libgomp reads
            // the C library's environment, so it is set there.
            SetEnv("GOMP_SPINCOUNT", value, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: libtorch then waits as its OpenMP runtime decides.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
