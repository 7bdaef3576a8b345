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

    /// <summary>A run folder's intra-patient part made by hand: the fixtures' dataset, each model trained and evaluated.</summary>
    private static (string Intra, string Test) IntraRun(string root, string bootstrap, params (string Model, string[] Options)[] models)
    {
        string intra = Path.Combine(root, "intra");
        Ok(CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", Path.Combine(intra, "data")));
        string train = Path.Combine(intra, "data", "mitbih_train.csv"), test = Path.Combine(intra, "data", "mitbih_test.csv");
        foreach (var (model, options) in models)
        {
            Ok(CliRunner.Run(["train", "--model", model, "--train", train, "--out", Path.Combine(intra, "models", model), .. options]));
            Ok(CliRunner.Run("evaluate", "--model", Path.Combine(intra, "models", model), "--test", test, "--out", Path.Combine(intra, "evaluation", model), "--bootstrap", bootstrap));
        }
        return (intra, test);
    }

    [Fact]
    public void ReportFilesAgreeWithTheSavedEvaluations()
    {
        using var run = TestData.TempFolder();
        var (intra, test) = IntraRun(run.Path, "50", ("ann", ["--epochs", "2"]), ("dt", ["--leaves", "8"]));

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
    public void AReportKilledWhileMadeOrWhileRenamedLeavesNoHalfOfItAndTheNextReportIsWhole()
    {
        // #25: report on a full disk left new metrics.json, report.md and figures beside the old report.html, and a
        // *.tmp.png. A kill (ECGBEATS_FAULT, no unwinding) stands in for any failure part-way.
        using var run = TestData.TempFolder();
        var (intra, _) = IntraRun(run.Path, "20", ("dt", ["--leaves", "8"]), ("rf", ["--trees", "3"]));
        Ok(CliRunner.Run("report", run.Path));
        var old = Snapshot(run.Path);
        // The next report differs: one model fewer.
        Directory.Delete(Path.Combine(intra, "evaluation", "rf"), recursive: true);

        // Killed while drawing: the old report stands, whole, with nothing new beside it.
        var killed = CliRunner.RunProcess(new Dictionary<string, string> { ["ECGBEATS_FAULT"] = "Report.Figure:3" }, "report", run.Path);
        Assert.NotEqual(0, killed.ExitCode);
        Assert.Equal(old, Snapshot(run.Path));

        // The new report, made whole, for reference. In a process of its own, as the killed ones: an SVG's clip-path ids
        // count the figures a process has drawn before it.
        using var clean = TestData.TempFolder();
        CopyFolder(run.Path, clean.Path);
        Ok(CliRunner.RunProcess(new Dictionary<string, string>(), "report", clean.Path));
        var fresh = Snapshot(clean.Path);
        Assert.NotEqual(old["report.html"], fresh["report.html"]);

        // Killed between the renames: every file there is whole, the old one's or the new one's, never a part.
        int renames = fresh.Count(f => !old.TryGetValue(f.Key, out string? before) || before != f.Value) + 1;
        foreach (int k in new[] { 1, 2, renames / 2, renames })
        {
            var cut = CliRunner.RunProcess(new Dictionary<string, string> { ["ECGBEATS_FAULT"] = $"FileSet.Commit:{k}" }, "report", run.Path);
            Assert.NotEqual(0, cut.ExitCode);
            foreach (var (file, digest) in Snapshot(run.Path))
                Assert.True(digest == fresh.GetValueOrDefault(file) || digest == old.GetValueOrDefault(file), $"kill at rename {k}: {file} is neither the old report's nor the new one's");
        }
        // The next report finishes the job, and leaves no staging folder behind.
        Ok(CliRunner.RunProcess(new Dictionary<string, string>(), "report", run.Path));
        Assert.Equal(fresh, Snapshot(run.Path).Where(f => fresh.ContainsKey(f.Key)).ToDictionary());
        Assert.Empty(Directory.GetDirectories(run.Path, ".ecgbeats-staging.*"));
    }

    /// <summary>SHA-256 of every visible file the report writes (the run's own folders left out), by relative path.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(f => !f.StartsWith("intra", StringComparison.Ordinal) && !f.Split('/').Any(p => p.StartsWith('.')))
            .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f)))));

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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
