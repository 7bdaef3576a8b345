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

    /// <summary>#26: a command line naming a subcommand is parsed with that subcommand alone; each name must make its command.</summary>
    [Fact]
    public void EachSubcommandsNameMakesThatCommandAndATreeOfItAloneParsesIt()
    {
        var names = EcgBeats.Cli.Commands.CommandTree.Names;
        Assert.Equal(names, EcgBeats.Cli.Commands.CommandTree.All().Select(c => c.Name));
        foreach (string name in names)
            Assert.Equal([name], EcgBeats.Cli.Commands.CommandTree.BuildRoot(name).Subcommands.Select(c => c.Name));
        // Alone in its tree, a subcommand still takes the global --data and reports its own usage errors.
        var result = CliRunner.Run("samples", "100", "--data", TestSupport.TestData.Fixture("mitdb"), "--to", "0.01");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("time_s,MLII,V5", result.Output);
        var typo = CliRunner.Run("sampels", "100");
        Assert.Equal((int)ExitCode.Usage, typo.ExitCode);
        Assert.Contains("Did you mean one of the following?\nsamples", typo.Output.ReplaceLineEndings("\n")); // the whole tree was there to suggest it
    }
}
