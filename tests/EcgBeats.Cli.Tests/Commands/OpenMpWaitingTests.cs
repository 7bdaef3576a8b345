using EcgBeats.TestSupport;
using EcgBeats.Torch.Runtime;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>
/// libtorch's OpenMP threads wait as <c>OpenMpWaiting</c> says, in the real command: libgomp prints the settings it
/// read as it loaded (<c>OMP_DISPLAY_ENV=VERBOSE</c>, its own report), so this checks the spin count reached libgomp
/// before libtorch loaded, not only that a variable was set.
/// </summary>
public sealed class OpenMpWaitingTests
{
    [Fact]
    public void ATrainingsOpenMpThreadsSpinBrieflyUnlessTheUserSaysOtherwise()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "libtorch uses libgomp on Linux only");
        using var temp = TestData.TempFolder();
        string[] train = ["train", "--model", "ann", "--train", FixtureDataset.Train, "--epochs", "1", "--threads", "2"];

        var ours = CliRunner.RunProcess(new Dictionary<string, string> { ["OMP_DISPLAY_ENV"] = "VERBOSE" }, [.. train, "--out", temp.File("a")]);
        Assert.True(ours.ExitCode == 0, ours.Error);
        Assert.Contains($"GOMP_SPINCOUNT = '{OpenMpWaiting.SpinCount}'", ours.Output + ours.Error);

        var theirs = CliRunner.RunProcess(new Dictionary<string, string> { ["OMP_DISPLAY_ENV"] = "VERBOSE", ["GOMP_SPINCOUNT"] = "123" }, [.. train, "--out", temp.File("b")]);
        Assert.True(theirs.ExitCode == 0, theirs.Error);
        Assert.Contains("GOMP_SPINCOUNT = '123'", theirs.Output + theirs.Error);

        // OMP_WAIT_POLICY=PASSIVE is libgomp's own "spin 0"; the user's word is kept there too.
        var passive = CliRunner.RunProcess(new Dictionary<string, string> { ["OMP_DISPLAY_ENV"] = "VERBOSE", ["OMP_WAIT_POLICY"] = "PASSIVE" }, [.. train, "--out", temp.File("c")]);
        Assert.True(passive.ExitCode == 0, passive.Error);
        Assert.Contains("GOMP_SPINCOUNT = '0'", passive.Output + passive.Error);
    }
}
