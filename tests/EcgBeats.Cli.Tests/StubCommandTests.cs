namespace EcgBeats.Cli.Tests;

/// <summary>Commands whose issue has not landed say so and fail; they are not features.</summary>
public sealed class StubCommandTests
{
    [Theory]
    [InlineData("annotate")]
    [InlineData("score")]
    public void StubSaysNotImplementedAndExitsNonZero(string command)
    {
        var result = CliRunner.Run(command);
        Assert.Equal((int)ExitCode.NotImplemented, result.ExitCode);
        Assert.Contains("not implemented yet", result.Error);
    }
}
