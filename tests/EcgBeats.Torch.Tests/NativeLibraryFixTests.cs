using System.Runtime.InteropServices;
using EcgBeats.Build;

namespace EcgBeats.Torch.Tests;

/// <summary>
/// The build step in Directory.Build.targets: the output copy of libLibTorchSharp.so is weakened
/// exactly where the system libstdc++ lacks GLIBCXX_3.4.32, and the NuGet cache is left alone.
/// </summary>
public sealed class NativeLibraryFixTests
{
    private const string Library = "libstdc++.so.6";
    private const string Version = "GLIBCXX_3.4.32";

    private static string OutputCopy =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static string CacheCopy()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string version = typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3);
        return Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    private static void SkipUnlessLinuxX64()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "TorchSharp-cpu ships this library for linux-x64 only");
    }

    [Fact]
    public void OutputCopyIsWeakExactlyWhereTheSystemLacksTheVersion()
    {
        SkipUnlessLinuxX64();
        string? system = ElfVersionNeed.FindSystemLibrary(Library);
        Assert.NotNull(system);
        bool systemHasIt = ElfVersionNeed.ReadDefinitions(File.ReadAllBytes(system)).Contains(Version);

        var need = ElfVersionNeed.ReadNeeds(File.ReadAllBytes(OutputCopy)).Single(n => n.Library == Library && n.Version == Version);

        Assert.Equal(!systemHasIt, (need.Flags & ElfVersionNeed.VerFlagWeak) != 0);
    }

    [Fact]
    public void NuGetCacheCopyIsUntouched()
    {
        SkipUnlessLinuxX64();
        string cache = CacheCopy();
        Assert.SkipUnless(File.Exists(cache), $"no NuGet cache copy at {cache}");
        var need = ElfVersionNeed.ReadNeeds(File.ReadAllBytes(cache)).Single(n => n.Library == Library && n.Version == Version);
        Assert.Equal(0, need.Flags & ElfVersionNeed.VerFlagWeak);
    }

    [Fact]
    public void ReadNeedsAgreesWithReadelf()
    {
        SkipUnlessLinuxX64();
        string cache = CacheCopy();
        Assert.SkipUnless(File.Exists(cache), $"no NuGet cache copy at {cache}");
        string? readelf = new[] { "/usr/bin/readelf", "/bin/readelf" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(readelf is null, "binutils' readelf is not installed");
        var info = new System.Diagnostics.ProcessStartInfo(readelf!, $"-V \"{cache}\"") { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // readelf lists each need as "Name: GLIBCXX_3.4.32  Flags: none  Version: 18".
        var fromReadelf = text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains("Name: ") && l.Contains("Flags: "))
            .Select(l => l[(l.IndexOf("Name: ", StringComparison.Ordinal) + 6)..l.IndexOf("  Flags", StringComparison.Ordinal)])
            .ToList();
        var ours = ElfVersionNeed.ReadNeeds(File.ReadAllBytes(cache)).Select(n => n.Version).ToList();
        Assert.Equal(fromReadelf, ours);
        Assert.Contains(Version, ours);
    }

    [Fact]
    public void WeakenChangesOnlyTheFlagsFieldAndIsIdempotent()
    {
        SkipUnlessLinuxX64();
        string cache = CacheCopy();
        Assert.SkipUnless(File.Exists(cache), $"no NuGet cache copy at {cache}");
        byte[] original = File.ReadAllBytes(cache);
        byte[] image = (byte[])original.Clone();

        Assert.Equal(WeakenOutcome.Weakened, ElfVersionNeed.Weaken(image, Library, Version));
        var differing = Enumerable.Range(0, image.Length).Where(i => image[i] != original[i]).ToList();
        var need = ElfVersionNeed.ReadNeeds(image).Single(n => n.Version == Version);
        Assert.Single(differing);
        Assert.Equal(need.FlagsOffset, differing[0]);
        Assert.Equal(ElfVersionNeed.VerFlagWeak, need.Flags);

        byte[] again = (byte[])image.Clone();
        Assert.Equal(WeakenOutcome.AlreadyWeak, ElfVersionNeed.Weaken(again, Library, Version));
        Assert.Equal(image, again);
        // Every other need keeps its flags.
        Assert.All(ElfVersionNeed.ReadNeeds(image).Where(n => n.Version != Version), n => Assert.Equal(0, n.Flags));
    }

    [Fact]
    public void WeakenFileReplacesTheFileInsteadOfWritingThroughAHardLink()
    {
        SkipUnlessLinuxX64();
        string cache = CacheCopy();
        Assert.SkipUnless(File.Exists(cache), $"no NuGet cache copy at {cache}");
        string folder = Directory.CreateTempSubdirectory("ecgbeats-elf-").FullName;
        try
        {
            string original = Path.Combine(folder, "original.so");
            string linked = Path.Combine(folder, "linked.so");
            File.Copy(cache, original);
            using (var ln = System.Diagnostics.Process.Start("ln", [original, linked])) ln.WaitForExit();
            Assert.SkipUnless(File.Exists(linked), "could not make a hard link here");

            ElfVersionNeed.WeakenFile(linked, Library, Version);

            Assert.Equal(0, ElfVersionNeed.ReadNeeds(File.ReadAllBytes(original)).Single(n => n.Version == Version).Flags);
            Assert.Equal(2, ElfVersionNeed.ReadNeeds(File.ReadAllBytes(linked)).Single(n => n.Version == Version).Flags);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("not an ELF file")]
    [InlineData("EI_CLASS")]
    [InlineData("no version need")]
    public void UnexpectedLayoutGivesAClearError(string expected)
    {
        byte[] image = expected switch
        {
            "not an ELF file" => new byte[128],
            "EI_CLASS" => ElfHeader(elfClass: 1),
            _ => File.Exists(CacheCopy()) ? File.ReadAllBytes(CacheCopy()) : ElfHeader(elfClass: 2),
        };
        string version = expected == "no version need" ? "GLIBCXX_9.9.99" : Version;
        if (expected == "no version need" && !File.Exists(CacheCopy()))
            Assert.Skip("needs the real library from the NuGet cache");

        var error = Assert.Throws<ElfLayoutException>(() => ElfVersionNeed.Weaken(image, Library, version));
        Assert.Contains(expected, error.Message);
    }

    private static byte[] ElfHeader(byte elfClass)
    {
        var image = new byte[128];
        image[0] = 0x7f; image[1] = (byte)'E'; image[2] = (byte)'L'; image[3] = (byte)'F';
        image[4] = elfClass; image[5] = 1;
        return image;
    }
}
