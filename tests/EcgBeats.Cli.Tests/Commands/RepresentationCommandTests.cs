using System.Globalization;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>A model is only ever fed beats cut its own way: annotate builds its representation, every other command checks it.</summary>
public sealed class RepresentationCommandTests
{
    private static void Ok(CliRunner.Result result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);

    [Fact]
    public void AModelTrainedOnKachueeBeatsAnnotatesTheKachueeWay()
    {
        using var temp = TestData.TempFolder();
        Ok(CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", temp.File("k18"), "--representation", "kachuee2018"));
        Ok(CliRunner.Run("train", "--model", "ann", "--train", temp.File("k18/mitbih_train.csv"), "--out", temp.File("ann"), "--epochs", "2"));

        var annotate = CliRunner.Run("annotate", "100", "--model", temp.File("ann"), "--data", TestData.Fixture("mitdb"), "--out", temp.File("out"));
        Ok(annotate);

        // The beats are where Kachuee et al.'s method puts them, not where a QRS detector would.
        var record = RecordReader.Read(TestData.FixtureRecord("100"));
        var kachuee = new Kachuee2018Representation().Cut(record, "100", null, BeatCutMode.EveryBeat);
        long[] annotated = File.ReadLines(temp.File("out/100.ecgbeats.csv")).Skip(1).Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(kachuee.Origins!.Select(o => o.Sample), annotated);
        // The file also holds the rhythm changes (+): the beats are the rest.
        Assert.Equal(annotated, AnnotationReader.ReadFile(temp.File("out/100.ecgbeats")).Where(a => a.Symbol != "+").Select(a => a.Sample));
    }

    [Fact]
    public void BeatsCutAnotherWayAreRefusedNamingBothRecipes()
    {
        using var temp = TestData.TempFolder();
        Ok(CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", temp.File("filtered"), "--filter", "both"));
        Ok(CliRunner.Run("train", "--model", "dt", "--train", FixtureDataset.Train, "--out", temp.File("dt"), "--leaves", "8"));

        foreach (var args in new[]
                 {
                     new[] { "evaluate", "--model", temp.File("dt"), "--test", temp.File("filtered/mitbih_test.csv") },
                     new[] { "predict", "--model", temp.File("dt"), "--input", temp.File("filtered/mitbih_test.csv"), "--out", temp.File("p.csv") },
                 })
        {
            var result = CliRunner.Run(args);
            Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
            Assert.Contains("filter: none (raw signal)", result.Error);               // the model's recipe
            Assert.Contains("filter: zero-phase IIR notch at 60 Hz", result.Error);    // the input's
            Assert.False(File.Exists(temp.File("p.csv")));
        }
    }

    [Fact]
    public void AnEnsembleOfMembersThatReadOtherBeatsIsRefused()
    {
        using var temp = TestData.TempFolder();
        Ok(CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", temp.File("filtered"), "--filter", "bandpass"));
        Ok(CliRunner.Run("train", "--model", "dt", "--train", FixtureDataset.Train, "--out", temp.File("raw-dt"), "--leaves", "8"));
        Ok(CliRunner.Run("train", "--model", "dt", "--train", temp.File("filtered/mitbih_train.csv"), "--out", temp.File("bp-dt"), "--leaves", "8"));

        var result = CliRunner.Run("train", "--model", "ensemble-voting", "--train", FixtureDataset.Train, "--out", temp.File("vote"),
            "--members", temp.File("raw-dt"), temp.File("bp-dt"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("must read the same beats", result.Error);
        Assert.Contains("band-pass", result.Error);
    }

    [Fact]
    public void AnEnsembleThatListsItselfIsABadInputNotACrash()
    {
        using var temp = TestData.TempFolder();
        Ok(CliRunner.Run("train", "--model", "dt", "--train", FixtureDataset.Train, "--out", temp.File("dt"), "--leaves", "8"));
        Ok(CliRunner.Run("train", "--model", "ensemble-voting", "--train", FixtureDataset.Train, "--out", temp.File("vote"), "--members", temp.File("dt")));
        string card = temp.File("vote/model.json");
        File.WriteAllText(card, File.ReadAllText(card).Replace("\"member:dt\": \"../dt\"", "\"member:vote\": \".\""));

        foreach (var args in new[]
                 {
                     new[] { "predict", "--model", temp.File("vote"), "--input", FixtureDataset.Test, "--out", temp.File("p.csv") },
                     new[] { "annotate", "100", "--data", TestData.Fixture("mitdb"), "--model", temp.File("vote"), "--out", temp.File("out") },
                 })
        {
            var result = CliRunner.Run(args);
            Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
            Assert.Contains("contains itself", result.Error);
            Assert.True(result.Error.Length < 1000, result.Error);
        }
    }

    [Fact]
    public void PredictionNeedsNoLabels()
    {
        using var temp = TestData.TempFolder();
        Ok(CliRunner.Run("train", "--model", "dt", "--train", FixtureDataset.Train, "--out", temp.File("dt"), "--leaves", "8"));
        // The test beats without their label column: 187 values a line.
        File.WriteAllLines(temp.File("beats.csv"), File.ReadLines(FixtureDataset.Test).Take(20).Select(l => l[..l.LastIndexOf(',')]));

        Ok(CliRunner.Run("predict", "--model", temp.File("dt"), "--input", temp.File("beats.csv"), "--out", temp.File("p.csv")));
        string[] lines = File.ReadAllLines(temp.File("p.csv"));
        Assert.Equal("row,class,p_N,p_S,p_V,p_F,p_Q", lines[0]);
        Assert.Equal(21, lines.Length);
    }

    [Fact]
    public void TrainHelpStatesEachKindsDefaultsFromTheRegistry()
    {
        var help = CliRunner.Run("train", "--help");
        string text = string.Join(" ", help.Output.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("default per model: ann 40, cnn 14, lstm 20, transformer 10", text);
        Assert.Contains("ann 0.001, cnn 0.001, lstm 0.002, transformer 0.001", text);
        Assert.Contains("rf, gbt; default 100", text);
        Assert.Contains("ensemble-weighted: ann cnn lstm transformer", text);
    }
}
