namespace EcgBeats.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public void HelpListsTheSubcommandsAndTheDataOption()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string name in new[] { "fetch", "info", "samples", "build-dataset", "train", "predict", "evaluate", "report", "run", "annotate", "score", "--data" })
            Assert.Contains(name, result.Output);
    }

    [Fact]
    public void VersionPrintsTheAssemblyVersion()
    {
        var result = CliRunner.Run("--version");
        Assert.Equal(0, result.ExitCode);
        string expected = typeof(EcgBeatsApp).Assembly.GetName().Version!.ToString(3);
        Assert.StartsWith(expected, result.Output.Trim());
    }

    [Fact]
    public void UnknownOptionIsAUsageError()
    {
        var result = CliRunner.Run("--no-such-option");
        Assert.Equal((int)ExitCode.Usage, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error);
    }
}
