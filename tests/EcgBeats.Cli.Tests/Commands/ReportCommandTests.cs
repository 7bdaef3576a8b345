using System.Globalization;
using System.Text.Json;
using EcgBeats.Metrics;
using EcgBeats.TestSupport;
using EcgBeats.Protocols;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>report</c> rebuilds report.html, report.md, metrics.json and metrics.csv from a run folder, and they agree.</summary>
public sealed class ReportCommandTests
{
    private static void Ok(CliRunner.Result result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);

    [Fact]
    public void ReportFilesAgreeWithTheSavedEvaluations()
    {
        using var run = TestData.TempFolder();
        string intra = Path.Combine(run.Path, "intra");
        Ok(CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", Path.Combine(intra, "data")));
        string train = Path.Combine(intra, "data", "mitbih_train.csv"), test = Path.Combine(intra, "data", "mitbih_test.csv");
        Ok(CliRunner.Run("train", "--model", "ann", "--train", train, "--out", Path.Combine(intra, "models", "ann"), "--epochs", "2"));
        Ok(CliRunner.Run("train", "--model", "dt", "--train", train, "--out", Path.Combine(intra, "models", "dt"), "--leaves", "8"));
        foreach (string model in new[] { "ann", "dt" })
            Ok(CliRunner.Run("evaluate", "--model", Path.Combine(intra, "models", model), "--test", test,
                "--out", Path.Combine(intra, "evaluation", model), "--bootstrap", "50"));

        var result = CliRunner.Run("report", run.Path);
        Ok(result);

        string html = File.ReadAllText(run.File("report.html"));
        string markdown = File.ReadAllText(run.File("report.md"));
        string[] csv = File.ReadAllLines(run.File("metrics.csv"));
        using var json = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json")));

        // Self-contained: every image is embedded, nothing is fetched.
        Assert.Contains("src=\"data:image/png;base64,", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("<link", html);
        Assert.True(File.Exists(run.File("figures/model-comparison-intra.png")));
        Assert.True(File.Exists(run.File("figures/confusion-intra-ann.svg")));
        Assert.True(File.Exists(run.File("figures/training-intra-ann.png")));

        Assert.Equal(3, csv.Length);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        long beats = File.ReadLines(test).Count();
        foreach (string model in new[] { "ann", "dt" })
        {
            var evaluation = Evaluation.Read(Path.Combine(intra, "evaluation", model, "metrics.json"));
            Assert.Equal(beats, evaluation.ConfusionMatrix.Sum(row => row.Sum()));
            string accuracy = evaluation.Report.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture);
            string macroF1 = evaluation.Report.Macro.F1.ToString("0.0000", CultureInfo.InvariantCulture);
            Assert.Contains($"| {model} | {accuracy} |", markdown);
            Assert.Contains($"<td class=\"text\">{model}</td><td>{accuracy}</td>", html);
            string row = csv.Single(l => l.StartsWith($"intra,{model},", StringComparison.Ordinal));
            Assert.Equal(accuracy, row.Split(',')[2]);
            Assert.Equal(macroF1, row.Split(',')[6]);
            var fromJson = json.RootElement.EnumerateArray().Single(e => e.GetProperty("model").GetString() == model);
            Assert.Equal(evaluation.Report.Accuracy, fromJson.GetProperty("evaluation").GetProperty("report").GetProperty("accuracy").GetDouble(), 12);
        }
        Assert.Contains("Intra-patient split", markdown);
        Assert.Contains("How this run was made", html);
    }

    [Fact]
    public void AFolderWithoutEvaluationsIsAClearError()
    {
        using var run = TestData.TempFolder();
        var result = CliRunner.Run("report", run.Path);
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("no evaluations found", result.Error);
    }
}
