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
    public void GlibcTakesTheSettingsAndServesA20MegabyteBlockFromItsHeap()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64, "glibc on x86-64 only");
        Assert.SkipWhen(Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is not null, "the environment sets the allocator itself");
        // Using the library runs its module initializer (as any TorchSharp call of the library does).
        Assert.Equal(3000, OpenMpWaiting.SpinCount);
        Assert.True(FreshPages.Applied);   // mallopt returned 1 (accepted) for each of the three
        // Without the settings a process's first block of 20 MB (over glibc's starting threshold of 128 KB) is a mapping
        // of its own. (Larger blocks are no control here: in a test process that has freed much memory, glibc serves even
        // a block over the threshold from the free top of its heap.)
        IntPtr block = Marshal.AllocHGlobal(20 << 20);
        try
        {
            Assert.False(Mmapped(block));
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }
}
