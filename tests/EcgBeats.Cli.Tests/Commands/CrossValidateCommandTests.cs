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

    [Fact]
    public void AnEnsembleWithItsMembersOptionsAndTheRhythmGateIsCrossValidated()
    {
        // Issue #23: the AF detector and the rhythm gate on held-out records; record 201 has 306 s of reference AF from minute 5.
        string data = TestData.RequireMitDb();
        var result = CliRunner.Run("cross-validate", "--model", "ensemble-classwise", "--records", "101", "106", "108", "109", "112", "201",
            "--class-weights", "--class-weight-cap", "20", "--trees", "10", "--rhythm", "--data", data);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("ensemble-classwise options: classes N:gbt", result.Output); // the member's option did not stop it (a bug of fbfe1d9)
        Assert.Contains("records with reference AF or flutter: 201;", result.Output);
        string[] lines = result.Output.Split('\n');
        // A table row "│ a │ b │ … │": the cells between the borders, empty ones kept.
        string[] Row(string first) => lines.Where(l => l.StartsWith('│')).Select(l => l.Split('│', StringSplitOptions.TrimEntries)[1..^1])
            .Single(cells => cells.Length == 12 && cells[0] == first);
        double Number(string cell) => double.Parse(cell, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
        string threshold = EcgBeats.Rhythms.AtrialFibrillationDetector.DefaultThreshold.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        var chosen = Row(threshold);
        Assert.True(Number(chosen[3]) >= 90, $"AF duration Se {chosen[3]}");
        Assert.Contains("306 /", chosen[5]);
        // The gate only takes S calls away: fewer false S in the AF record, never more V or other classes changed.
        Assert.True(Number(chosen[11]) < Number(Row("no rhythm gate")[11]), $"false S in AF records: {chosen[11]} against {Row("no rhythm gate")[11]} without the gate");
        Assert.Equal(Row("no rhythm gate")[8], chosen[8]); // V Se
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
    public void AFolderWithoutTheRecordsIsNamedNotABug()
    {
        using var temp = TestData.TempFolder();
        var result = CliRunner.Run("cross-validate", "--model", "logreg", "--data", temp.Path);
        Assert.Equal((int)ExitCode.NoInput, result.ExitCode);
        Assert.Contains(".hea", result.Error);
        Assert.DoesNotContain("internal error", result.Error);
    }

    [Fact]
    public void AnOptionNeitherTheEnsembleNorItsMembersTakeIsRefused()
    {
        var result = CliRunner.Run("cross-validate", "--model", "ensemble-classwise", "--kernel-rank", "3", "--data", TestData.Fixture("mitdb"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("--kernel-rank: ensemble-classwise does not take it", result.Error); // svm's; its members are gbt, ann and logreg
    }

    [Fact]
    public void ANonPositiveAdaptationSpanIsRefusedBeforeAnyTraining()
    {
        var result = CliRunner.Run("cross-validate", "--model", "gbt", "--adapt-minutes", "0", "--data", TestData.Fixture("mitdb"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("--adapt-minutes 0: must be a positive number of minutes", result.Error);
        Assert.DoesNotContain("Cutting", result.Output);
    }
}
