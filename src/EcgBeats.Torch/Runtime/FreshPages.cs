using System.Runtime.InteropServices;

namespace EcgBeats.Torch.Runtime;

/// <summary>
/// Keeps glibc's allocator from handing freed memory back to the kernel between batches, so that the LSTM's workspace
/// does not come back as fresh pages (a page fault and a zeroed page each) on every batch.
/// </summary>
/// <remarks>
/// libtorch's LSTM on the CPU runs through oneDNN, which takes a workspace of several megabytes per batch from
/// <c>malloc</c> and frees it after. glibc returns free memory at the top of an arena to the kernel once it exceeds the
/// trim threshold, and deletes a thread arena's heap outright when it empties; whether the workspace lands where that
/// happens depends on the process's allocation history. The same training (same seed, one thread, nothing else running)
/// then ran either at 2,900-4,600 beats/s with 122,000-172,000 minor page faults or at 950-1,700 beats/s with
/// 423,000-577,000 of them, most taken in oneDNN's kernels: about one run in three was slow (docs/benchmarks.md, "The LSTM's fresh pages").
/// A fixed mmap threshold of 32 MB (the most glibc allows; it also stops glibc raising the threshold as it goes), a trim
/// threshold of 256 MB and a top pad of 64 MB keep that memory mapped for the next batch. The cost is memory the
/// process keeps after a peak (at most the trim threshold per arena), not computation: no number changes. Set with
/// <c>mallopt</c> at this library's first use (glibc reads its <c>GLIBC_TUNABLES</c> only as a process starts); where the
/// user set <c>GLIBC_TUNABLES</c> or <c>MALLOC_*_</c> variables, or the C library is not glibc, nothing is changed.
/// </remarks>
public static partial class FreshPages
{
    /// <summary>Allocations at or above this go to their own mapping (glibc's <c>M_MMAP_THRESHOLD</c>; 32 MB is its maximum).</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>Free memory at an arena's top kept before any is returned to the kernel (<c>M_TRIM_THRESHOLD</c>).</summary>
    public const int TrimThreshold = 256 << 20;

    /// <summary>Extra memory asked of the kernel when an arena grows, and kept when it shrinks (<c>M_TOP_PAD</c>).</summary>
    public const int TopPad = 64 << 20;

    private const int MTrimThreshold = -1, MTopPad = -2, MMmapThreshold = -3;

    /// <summary>Whether the settings took (false off glibc, or where the user's environment sets the allocator).</summary>
    public static bool Applied { get; private set; }

    /// <summary>Sets them once; called as the library is first used (<see cref="OpenMpWaiting"/>'s module initializer).</summary>
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux() || UserTuned()) return;
        try
        {
            Applied = MallOpt(MMmapThreshold, MmapThreshold) == 1 & MallOpt(MTrimThreshold, TrimThreshold) == 1 & MallOpt(MTopPad, TopPad) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no such allocator): nothing to set.
        }
    }

    private static bool UserTuned() =>
        Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is not null
        || Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal) && k.EndsWith('_'));

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
