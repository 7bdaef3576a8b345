using System.Runtime.InteropServices;
using EcgBeats.Torch.Runtime;

namespace EcgBeats.Torch.Tests;

/// <summary>
/// The allocator's settings took: glibc serves a 20 MB block from its heap (which it keeps for the next batch) instead
/// of a mapping of its own, which it would hand back to the kernel on free (docs/benchmarks.md, "The LSTM's fresh pages").
/// </summary>
public sealed class FreshPagesTests
{
    /// <summary>glibc's chunk header: the size word just before the pointer malloc returns, whose bit 1 (value 2) is IS_MMAPPED.</summary>
    private static bool Mmapped(IntPtr block) => (Marshal.ReadInt64(block, -8) & 2) != 0;

    [Fact]
    public void BlocksUpTo32MegabytesComeFromTheHeapAndLargerOnesAreMapped()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64, "glibc on x86-64 only");
        Assert.SkipWhen(Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is not null, "the environment sets the allocator itself");
        // Using the library runs its module initializer (as any TorchSharp call of the library does).
        Assert.Equal(3000, OpenMpWaiting.SpinCount);
        Assert.True(FreshPages.Applied);
        // Without the settings glibc's first block of 20 MB (over its starting threshold of 128 KB) would be a mapping.
        IntPtr heap = Marshal.AllocHGlobal(20 << 20), mapped = Marshal.AllocHGlobal(40 << 20);
        try
        {
            Assert.False(Mmapped(heap));
            Assert.True(Mmapped(mapped));   // the check can tell: over the 32 MB threshold a block is still a mapping
        }
        finally
        {
            Marshal.FreeHGlobal(heap);
            Marshal.FreeHGlobal(mapped);
        }
    }
}
