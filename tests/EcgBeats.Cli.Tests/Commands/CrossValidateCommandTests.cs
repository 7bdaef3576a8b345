using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>Issue #22: <c>cross-validate</c> parses, calls the library's <c>InterPatientCrossValidation</c> and prints; DS2 is never read.</summary>
public sealed class CrossValidateCommandTests
{
    [Fact]
    public void AKindIsCrossValidatedOnWholeRecordsAndNothingIsWritten()
    {
        string data = TestData.RequireMitDb();
        using var temp = TestData.TempFolder();
        string before = string.Join("\n", Directory.EnumerateFileSystemEntries(data).Order());
        var result = CliRunner.Run("cross-validate", "--model", "logreg", "--records", "101", "106", "108", "109", "112", "114",
            "--class-weights", "--class-weight-cap", "20", "--data", data);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(5, result.Output.Split('\n').Count(l => l.StartsWith("fold ", StringComparison.Ordinal)));
        Assert.Contains("as predicted", result.Output);
        Assert.Contains("--class-weight-cap 20 --class-weights true", result.Output);
        // Every beat of the six records is scored once: the pooled matrix's rows are the AAMI totals of PhysioNet's
        // MIT-BIH Directory beat tables for 101, 106, 108, 109, 112 and 114 (N+L+R+e+j; A+a+J+S; V+E; F; /+f+Q).
        string[] lines = result.Output.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("Pooled confusion matrix", StringComparison.Ordinal));
        Assert.True(header > 0, result.Output);
        long RowSum(string cls) => lines.Skip(header).Select(l => l.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Single(cells => cells.Length == 6 && cells[0] == cls).Skip(1).Sum(c => long.Parse(c, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([11_956L, 21, 618, 8, 2], new[] { "N", "S", "V", "F", "Q" }.Select(RowSum));
        // Only the records given are scored.
        string falseS = result.Output.Split('\n').Single(l => l.StartsWith("beats wrongly called S", StringComparison.Ordinal));
        Assert.All(falseS.Split(':')[1].Split(',', StringSplitOptions.RemoveEmptyEntries), p => Assert.Contains(p.Trim().Split(' ')[0], new[] { "101", "106", "108", "109", "112", "114" }));
        Assert.Equal(before, string.Join("\n", Directory.EnumerateFileSystemEntries(data).Order()));
    }

    [Theory]
    [InlineData("100", "is a DS2 record")]
    [InlineData("101", "cannot make 5 folds")]
    public void DS2AndTooFewRecordsAreRefusedBeforeAnythingIsRead(string record, string expected)
    {
        var result = CliRunner.Run("cross-validate", "--model", "logreg", "--records", record, "--data", TestData.Fixture("mitdb"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void AnOptionNeitherTheEnsembleNorItsMembersTakeIsRefused()
    {
        var result = CliRunner.Run("cross-validate", "--model", "ensemble-classwise", "--epochs", "3", "--data", TestData.Fixture("mitdb"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("--epochs: ensemble-classwise does not take it", result.Error);
    }
}
