using System.Globalization;
using System.Text.Json;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>The main job end to end on the committed fixtures, with the reduced (smoke) profile.</summary>
public sealed class RunCommandTests
{
    private static readonly string[] Models =
        ["ann", "cnn", "lstm", "transformer", "rf", "dt", "svm", "ensemble-weighted", "ensemble-voting-hard", "ensemble-voting-soft"];

    [Fact]
    public void EveryArtefactExistsParsesAndAgreesAndASecondRunSkipsEveryStep()
    {
        using var run = TestData.TempFolder();
        var first = CliRunner.Run("run", "--profile", "smoke", "--data", TestData.Fixture("mitdb"), "--out", run.Path);
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("inter: skipped", first.Output);

        string test = run.File("intra/data/mitbih_test.csv");
        long beats = KaggleCsv.Read(test).Count;
        string markdown = File.ReadAllText(run.File("report.md"));
        string html = File.ReadAllText(run.File("report.html"));
        string[] csv = File.ReadAllLines(run.File("metrics.csv"));
        using var json = JsonDocument.Parse(File.ReadAllText(run.File("metrics.json")));
        Assert.Equal(Models.Length + 1, csv.Length);
        Assert.Equal(Models.Length, json.RootElement.GetArrayLength());
        foreach (string model in Models)
        {
            var evaluation = Evaluation.Read(run.File($"intra/evaluation/{model}/metrics.json"));
            Assert.Equal(beats, evaluation.ConfusionMatrix.Sum(row => row.Sum()));
            string accuracy = evaluation.Report.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture);
            Assert.Contains($"| {model} | {accuracy} |", markdown);
            Assert.Contains($"<td>{model}</td><td>{accuracy}</td>", html);
            Assert.Equal(accuracy, csv.Single(l => l.StartsWith($"intra,{model},", StringComparison.Ordinal)).Split(',')[2]);
            Assert.True(File.Exists(run.File($"figures/confusion-intra-{model}.png")));
        }
        // The run scores ensembles from their members' saved test-set probabilities; scoring afresh must agree.
        foreach (string ensemble in Models.Where(m => m.StartsWith("ensemble", StringComparison.Ordinal)))
        {
            Assert.Equal(0, CliRunner.Run("evaluate", "--model", run.File($"intra/models/{ensemble}"), "--test", test, "--out", run.File($"afresh/{ensemble}")).ExitCode);
            Assert.Equal(Evaluation.Read(run.File($"intra/evaluation/{ensemble}/metrics.json")).ConfusionMatrix,
                Evaluation.Read(run.File($"afresh/{ensemble}/metrics.json")).ConfusionMatrix);
        }
        Assert.True(File.Exists(run.File("figures/model-comparison-intra.svg")));
        Assert.True(File.Exists(run.File("figures/training-intra-cnn.png")));
        Assert.True(File.Exists(run.File("figures/beat-examples-intra.png")));
        Assert.True(File.Exists(run.File("figures/class-distribution-intra.svg")));
        Assert.Contains("data:image/png;base64,", html);

        var second = CliRunner.Run("run", "--profile", "smoke", "--data", TestData.Fixture("mitdb"), "--out", run.Path);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(1 + 7 + 3 + 10, second.Output.Split('\n').Count(l => l.Contains("up to date")));
    }
}
