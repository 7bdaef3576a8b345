using System.Globalization;
using System.Text.Json;
using EcgBeats.Cli.Pipeline;
using EcgBeats.Datasets;
using EcgBeats.Classification;
using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.Runs;
using EcgBeats.TestSupport;
using EcgBeats.Protocols;
using EcgBeats.Models;
using EcgBeats.MlNet;
using EcgBeats.Torch.Training;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>The main job end to end on the committed fixtures, with the reduced (smoke) profile.</summary>
public sealed class RunCommandTests
{
    private static readonly string[] Models =
        ["ann", "cnn", "lstm", "transformer", "rf", "dt", "svm", "logreg", "gbt", "ensemble-weighted", "ensemble-voting-hard", "ensemble-voting-soft"];

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
            Assert.Contains($"<td class=\"text\">{model}</td><td>{accuracy}</td>", html);
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
        Assert.Equal(1 + 9 + 3 + 12, second.Output.Split('\n').Count(l => l.Contains("up to date")));
    }

    [Fact]
    public void ARunKilledAfterAnyStepsWorkButBeforeItsStampRedoesThatStepAndEndsWithTheSameNumbers()
    {
        // #25: each step's stamp is its commit. Killed (ECGBEATS_FAULT, no unwinding) after a step's files are written but
        // before its stamp, the next run must redo that step, not trust its files; in the end every number equals an
        // uninterrupted run's. Steps 1 (dataset), 4 (a network), 11 (an ensemble), 16 (an evaluation), one after another.
        using var reference = TestData.TempFolder();
        using var run = TestData.TempFolder();
        string[] Args(string folder) => ["run", "--profile", "smoke", "--data", TestData.Fixture("mitdb"), "--out", folder];
        var whole = CliRunner.RunProcess(new Dictionary<string, string>(), Args(reference.Path));
        Assert.True(whole.ExitCode == 0, whole.Error + whole.Output);

        int done = 0;
        foreach (int step in new[] { 1, 4, 11, 16 })
        {
            // Steps already stamped are up to date and do not reach the fault point: count from the first one run again.
            var killed = CliRunner.RunProcess(new Dictionary<string, string> { ["ECGBEATS_FAULT"] = $"Run.Step:{step - done}" }, Args(run.Path));
            Assert.NotEqual(0, killed.ExitCode);
            Assert.DoesNotContain("Report:", killed.Output);
            done = step - 1;
        }
        var resumed = CliRunner.RunProcess(new Dictionary<string, string>(), Args(run.Path));
        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Output);
        // The killed step is done again (it has no stamp), the ones before it are read back.
        Assert.Equal(15, resumed.Output.Split('\n').Count(l => l.Contains("up to date")));
        foreach (string model in Models)
            Assert.Equal(Evaluation.Read(Path.Combine(reference.Path, $"intra/evaluation/{model}/metrics.json")).ConfusionMatrix,
                Evaluation.Read(run.File($"intra/evaluation/{model}/metrics.json")).ConfusionMatrix);
        Assert.Equal(File.ReadAllText(Path.Combine(reference.Path, "metrics.csv")), File.ReadAllText(run.File("metrics.csv")));
    }

    [Fact]
    public void TwoLanesGiveTheSameNumbersAsOneLaneAtTheSameThreadsAndDoEveryStepOnce()
    {
        // #26: a second process shares the run folder, each step done by whichever process claims it, one thread per
        // training; side by side must not change a single number against everything in turn at one thread each (the seed
        // and thread counts decide them). The fixture folder has no DS1/DS2: both processes share the intra split's steps.
        using var lanes = TestData.TempFolder();
        using var turns = TestData.TempFolder();
        // What a killed run left: a claim on a step by a process that has exited. The first process removes it.
        // Its start time is read while it still runs: once exited and reaped it has no /proc entry to read it from.
        using (var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "60") { UseShellExecute = false })!)
        {
            long started = exited.StartTime.ToUniversalTime().Ticks;
            exited.Kill();
            exited.WaitForExit();
            Directory.CreateDirectory(lanes.File(".claims"));
            File.WriteAllText(lanes.File(".claims/intra+models+gbt"), $"{exited.Id} {started}");
        }
        var two = CliRunner.Run("run", "--profile", "smoke", "--data", TestData.Fixture("mitdb"), "--out", lanes.Path, "--lanes", "2");
        Assert.True(two.ExitCode == 0, two.Error + two.Output);
        var one = CliRunner.Run("run", "--profile", "smoke", "--data", TestData.Fixture("mitdb"), "--out", turns.Path, "--lanes", "1", "--threads", "1");
        Assert.True(one.ExitCode == 0, one.Error + one.Output);
        Assert.Equal(File.ReadAllText(turns.File("metrics.csv")), File.ReadAllText(lanes.File("metrics.csv")));
        string log = File.ReadAllText(lanes.File("second-process.log"));
        Assert.Contains("inter: skipped", log);
        AssertEveryStepDoneOnceAndSomeBeside(two.Output, log);
        Assert.Empty(Directory.GetFiles(lanes.File(".claims")));   // every claim let go, the stale one removed
        Assert.False(File.Exists(turns.File("second-process.log")), "one lane starts no second process");
        foreach (string model in new[] { "cnn", "gbt" })
            Assert.Equal(1, ModelCard.Read(lanes.File($"intra/models/{model}")).Threads);

        // --force redoes every step once, not once per process: a stamp the other process wrote during this run counts.
        var forced = CliRunner.Run("run", "--profile", "smoke", "--data", TestData.Fixture("mitdb"), "--out", lanes.Path, "--lanes", "2", "--force", "--no-report");
        Assert.True(forced.ExitCode == 0, forced.Error + forced.Output);
        AssertEveryStepDoneOnceAndSomeBeside(forced.Output, File.ReadAllText(lanes.File("second-process.log")));
        Assert.Equal(File.ReadAllText(turns.File("metrics.csv")), File.ReadAllText(lanes.File("metrics.csv")));
        Assert.Equal((int)ExitCode.BadInput, CliRunner.Run("run", "--profile", "smoke", "--data", TestData.Fixture("mitdb"), "--out", lanes.Path, "--lanes", "3").ExitCode);
    }

    /// <summary>Each training and evaluation was done ("done in ... (step)") by exactly one of the two processes, and the second did some trainings.</summary>
    private static void AssertEveryStepDoneOnceAndSomeBeside(string first, string second)
    {
        static int Done(string output, string step) => output.Split('\n').Count(l => l.TrimEnd('\r').EndsWith($"({step})") && l.Contains("done in"));
        var steps = new[] { "intra: dataset" }.Concat(Models.Take(9).Select(m => $"intra: train {m}")).Concat(Models.Select(m => $"intra: evaluate {m}")).ToList();
        foreach (string step in steps)
            Assert.True(Done(first, step) + Done(second, step) == 1, $"{step}: done {Done(first, step)} time(s) here and {Done(second, step)} beside");
        Assert.Contains(Models.Take(9), m => Done(second, $"intra: train {m}") == 1);
    }

    [Fact]
    public void ARecordMissingItsAnnotationsIsNamedAndFetchedAgainNotAnInternalError()
    {
        // #25: a data folder missing one .atr (an interrupted fetch) gave "internal error: AggregateException" from
        // build-dataset and run, and run did not fetch again (it only looked for 100.hea).
        using var temp = TestData.TempFolder();
        string data = temp.File("data");
        Directory.CreateDirectory(data);
        foreach (string f in Directory.GetFiles(TestData.Fixture("mitdb"))) File.Copy(f, Path.Combine(data, Path.GetFileName(f)));
        File.Delete(Path.Combine(data, "232.atr"));

        var build = CliRunner.Run("build-dataset", "--data", data, "--out", temp.File("ds"));
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("232.atr", build.Error);
        Assert.DoesNotContain("internal error", build.Error);

        // Nothing listens on port 1: the fetch it starts fails, and says so.
        var run = CliRunner.Run("run", "--profile", "smoke", "--data", data, "--out", temp.File("run"), "--base-url", "http://127.0.0.1:1/");
        Assert.Equal((int)ExitCode.DownloadFailed, run.ExitCode);
        Assert.Contains("232.atr is missing from", run.Output);
        Assert.DoesNotContain("internal error", run.Error);
    }

    [Fact]
    public void AChangedOptionRerunsExactlyTheStepsItShapesAndNothingElse()
    {
        using var run = TestData.TempFolder();
        string Run(RunProfile profile)
        {
            var output = new StringWriter();
            new RunView(Terminal.For(output)).Job(EcgBeatsApp.Models, TestData.Fixture("mitdb"), RunFolder.At(run.Path), profile, 42, force: false).Run(default);
            return output.ToString();
        }
        List<string> Ran(string output) => output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("intra: ", StringComparison.Ordinal) && !l.EndsWith("up to date", StringComparison.Ordinal)).ToList();

        var smoke = RunProfiles.Smoke;
        Assert.Equal(1 + 9 + 3 + 12, Ran(Run(smoke)).Count);
        Assert.Empty(Ran(Run(smoke)));

        // One network's learning rate: that network, the three ensembles it is in, and their evaluations.
        var cnnFaster = smoke with { Options = k => k == Networks.Cnn ? smoke.Options(k).With(CommonOptions.LearningRate, 2e-3) : smoke.Options(k) };
        Assert.Equal(["intra: train cnn", "intra: ensemble-weighted", "intra: ensemble-voting-hard", "intra: ensemble-voting-soft",
                      "intra: evaluate cnn", "intra: evaluate ensemble-weighted", "intra: evaluate ensemble-voting-hard", "intra: evaluate ensemble-voting-soft"],
            Ran(Run(cnnFaster)));
        Assert.Empty(Ran(Run(cnnFaster)));

        // Tree leaves: the three tree models (not the SVM or the logistic regression, which have none), the votes they are in,
        // and their evaluations.
        var fewerLeaves = cnnFaster with { Options = k => cnnFaster.Options(k).With(ClassicalOptionDeclarations.Leaves, 4) };
        Assert.Equal(["intra: train rf", "intra: train dt", "intra: train gbt", "intra: ensemble-voting-hard", "intra: ensemble-voting-soft",
                      "intra: evaluate rf", "intra: evaluate dt", "intra: evaluate gbt", "intra: evaluate ensemble-voting-hard",
                      "intra: evaluate ensemble-voting-soft"],
            Ran(Run(fewerLeaves)));

        // Every model and ensemble held out the same validation beats: one split, made once.
        var fingerprints = Directory.GetDirectories(run.File("intra/models")).Select(f => ModelCard.Read(f).TrainingData!.ValidationFingerprint).Distinct();
        Assert.Single(fingerprints);
    }

    [Fact]
    public void TheModelForNewRecordsTrainsTheDeclaredRecipeOnAll44PatientsAndSaysSoOnItsCard()
    {
        // #27, the library entry behind train-default and run --profile full (smoke options, to be quick).
        string data = TestData.RequireMitDb();
        using var run = TestData.TempFolder();
        var output = new StringWriter();
        var results = new RunView(Terminal.For(output)).Job(EcgBeatsApp.Models, data, RunFolder.At(run.Path), RunProfiles.Smoke, 42, force: false, [], allPatients: true)
            .Run(default);

        var card = results.AllPatients ?? throw new Xunit.Sdk.XunitException("no all-patients model: " + output);
        Assert.Equal("ensemble-classwise", card.Model);
        foreach (string member in new[] { "gbt", "ann", "logreg" })
            Assert.True(File.Exists(run.File($"all-patients/models/{member}/model.json")), member);
        Assert.False(File.Exists(run.File("run.json")), "train-default alone leaves the run's description alone");
        var provenance = card.Provenance!;
        // Every one of de Chazal's 44 records, DS2's too.
        Assert.All(DeChazal2004Split.Ds1.Concat(DeChazal2004Split.Ds2), r => Assert.Contains($" {r}", provenance["trainedOn"]));
        // Their S beats: de Chazal et al. 2004 (Table I) count 944 in DS1 and 1,837 in DS2; our labelling of the same
        // annotations may differ by a few beats at record edges.
        int s = int.Parse(System.Text.RegularExpressions.Regex.Match(provenance["trainedOn"], @"\bS (\d+)").Groups[1].Value);
        Assert.InRange(s, 2781 - 10, 2781 + 10);
        Assert.StartsWith("none of its own", provenance["heldOutPatients"]);
        Assert.Contains("9340e53", provenance["recipe"]);
        Assert.Contains("SVEB Se 83.89", provenance["standsFor"]);
        Assert.StartsWith("by record:", card.TrainingData!.ValidationSplit);

        // A second time, every model is up to date.
        var again = new StringWriter();
        new RunView(Terminal.For(again)).Job(EcgBeatsApp.Models, data, RunFolder.At(run.Path), RunProfiles.Smoke, 42, force: false, [], allPatients: true).Run(default);
        Assert.Equal(4, again.ToString().Split('\n').Count(l => l.Contains("all-patients: ") && l.Contains("up to date")));
    }

    [Fact]
    public void TheInterPatientSplitTrainsOnDs1WithRecordsHeldOutAndScoresDs2WholeRecords()
    {
        string data = TestData.RequireMitDb();
        using var run = TestData.TempFolder();
        var result = CliRunner.Run("run", "--profile", "smoke", "--data", data, "--out", run.Path, "--lanes", "2");
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        // Two lanes: the second process starts from the inter-patient split's last training, and this one reads it back.
        Assert.Contains("inter: train gbt", File.ReadAllText(run.File("second-process.log")));
        Assert.Contains("inter: train gbt: up to date", result.Output);
        Assert.DoesNotContain("inter: train gbt\n", result.Output.Replace("\r", ""));

        var card = DatasetCard.Read(run.File("inter/data/dataset.json"));
        Assert.Equal("rhythm-morphology-2lead", card.Representation.Name);
        Assert.Equal(DeChazal2004Split.Ds1, card.TrainRecords);
        Assert.Equal(DeChazal2004Split.Ds2, card.TestRecords);
        var test = DatasetFiles.ReadLabelled(run.File("inter/data/test.parquet"));
        Assert.All(test.Origins!, o => Assert.Contains(o.Record, DeChazal2004Split.Ds2));

        // Every inter-patient model held out whole DS1 records, the same ones (a fold of all DS1's records, whatever the
        // profile's subsample), and none of DS2.
        var heldRecords = InterPatientProtocol.ValidationRecords(DatasetFiles.ReadLabelled(run.File("inter/data/train.parquet")), 42);
        Assert.InRange(heldRecords.Count, 4, 5);
        Assert.All(heldRecords, r => Assert.Contains(r, DeChazal2004Split.Ds1));
        foreach (string model in Directory.GetDirectories(run.File("inter/models")).Select(Path.GetFileName)!)
        {
            var modelCard = ModelCard.Read(run.File($"inter/models/{model}"));
            Assert.StartsWith("by record:", modelCard.TrainingData!.ValidationSplit);
            Assert.DoesNotContain(DeChazal2004Split.Ds2, r => modelCard.TrainingData.ValidationSplit.Contains($" {r} ") || modelCard.TrainingData.ValidationSplit.EndsWith($" {r} held out"));
            var scores = JsonFile.Read<List<Ec57Result>>(run.File($"inter/ec57/{model}/ec57.json"), "EC57 scores");
            Assert.Equal(4, scores.Count);
            var detected = scores.Single(s => s.Positions == BeatPositions.Detected && s.Mapping == BeatClassMapping.DeChazal).Score;
            var reference = scores.Single(s => s.Positions == BeatPositions.Reference && s.Mapping == BeatClassMapping.Bxb).Score;
            Assert.Equal(22, detected.Records.Count);
            Assert.True(detected.Gross.QrsSensitivity > 99.5, $"{model}: QRS Se {detected.Gross.QrsSensitivity}");
            Assert.Equal(100, reference.Gross.QrsSensitivity);
            // 1,608 S beats of DS2 from minute 5 as de Chazal counts them; bxb adds the 213 nodal escape beats.
            var chazalReference = scores.Single(s => s.Positions == BeatPositions.Reference && s.Mapping == BeatClassMapping.DeChazal).Score;
            Assert.Equal(1608, chazalReference.GrossMatrix[1].Take(BeatComparison.Unmatched).Sum());
            Assert.Equal(1608 + 213, reference.GrossMatrix[1].Take(BeatComparison.Unmatched).Sum());
            // The rhythm: AF episodes of all 22 records; the gate's effect listed for every DS2 record with reference AF or
            // flutter (PhysioNet's rhythm table: 202, 210, 219, 221, 222), and the gate only ever removes S calls.
            var rhythm = JsonFile.Read<Ec57Rhythm>(run.File($"inter/ec57/{model}/rhythm.json"), "AF episodes and rhythm gate");
            Assert.Equal(DeChazal2004Split.Ds2.Order(), rhythm.Episodes.Select(e => e.Record).Order());
            Assert.Equal(["202", "210", "219", "221", "222"], rhythm.Records.Where(r => r.ReferenceAf).Select(r => r.Record).Order());
            Assert.All(rhythm.Records, r => Assert.True(r.FalseSWithGate <= r.FalseSWithoutGate && r.TrueSWithGate <= r.TrueSWithoutGate, $"{model} {r}"));
            Assert.All(rhythm.Episodes.Where(e => !rhythm.Records.Any(r => r.Record == e.Record && r.ReferenceAf)), e => Assert.Equal(0, e.ReferenceDuration));
        }
        Assert.Equal($"by record: {string.Join(" ", heldRecords)} held out", ModelCard.Read(run.File("inter/models/gbt")).TrainingData!.ValidationSplit);
        string markdown = File.ReadAllText(run.File("report.md"));
        Assert.Contains("Whole records, beat by beat (EC57)", markdown);
        Assert.Contains("| ensemble-classwise | detected |", markdown);
        Assert.Contains("de Chazal et al. 2004", markdown);
        Assert.Contains("Atrial fibrillation and the rhythm gate", markdown);
        Assert.Contains("| ensemble-classwise | ", markdown[markdown.IndexOf("Atrial fibrillation and the rhythm gate", StringComparison.Ordinal)..]);
    }
}
