using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Commands;

public sealed class SnipCommandTests
{
    [Fact]
    public void CutsSignalsAndAnnotationsOfAWindow()
    {
        using var temp = TestData.TempFolder();
        string source = TestData.FixtureRecord("208");

        var result = CliRunner.Run("snip", source, "--from", "10", "--to", "20", "--out", temp.Path, "--name", "cut");

        Assert.Equal(0, result.ExitCode);
        var cut = RecordReader.Read(temp.File("cut"));
        var original = RecordReader.Read(source, 3600, 3600);
        Assert.Equal(original.Adc, cut.Adc);
        var expected = AnnotationReader.ReadFile(source + ".atr")
            .Where(a => a.Sample is >= 3600 and < 7200).Select(a => a with { Sample = a.Sample - 3600 });
        Assert.Equal(expected, AnnotationReader.ReadFile(temp.File("cut.atr")));
    }

    [Fact]
    public void AnEmptyWindowIsRefused()
    {
        using var temp = TestData.TempFolder();
        var result = CliRunner.Run("snip", TestData.FixtureRecord("100"), "--from", "20", "--to", "10", "--out", temp.Path);
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("window", result.Error);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
