using System.Globalization;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>train</c> and <c>predict</c> end to end on a dataset built from the fixture records.</summary>
public sealed class TrainPredictCommandTests
{
    [Fact]
    public void TrainsAModelThenPredictsClassesAndProbabilitiesForEveryBeat()
    {
        using var temp = TestData.TempFolder();
        var train = CliRunner.Run("train", "--model", "cnn", "--train", FixtureDataset.Train,
            "--out", temp.File("cnn"), "--epochs", "2", "--threads", "2");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("cnn epoch  2/2", train.Output);
        var card = ModelCard.Read(temp.File("cnn"));
        Assert.Equal("cnn", card.Model);
        Assert.Equal(2, card.History!.Count);

        string test = FixtureDataset.Test;
        var predict = CliRunner.Run("predict", "--model", temp.File("cnn"), "--input", test, "--out", temp.File("predictions.csv"));
        Assert.True(predict.ExitCode == 0, predict.Error);

        string[] lines = File.ReadAllLines(temp.File("predictions.csv"));
        Assert.Equal("row,class,p_N,p_S,p_V,p_F,p_Q,label", lines[0]);
        var beats = KaggleCsv.Read(test);
        Assert.Equal(beats.Count + 1, lines.Length);
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            double[] p = f[2..7].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(p.Sum(), 0.9999, 1.0001);
            Assert.Equal(new[] { "N", "S", "V", "F", "Q" }[Array.IndexOf(p, p.Max())], f[1]);
        }
    }

    [Fact]
    public void PredictingBeatsOfAnotherLengthIsAClearError()
    {
        using var temp = TestData.TempFolder();
        Assert.Equal(0, CliRunner.Run("train", "--model", "ann", "--train", FixtureDataset.Train,
            "--out", temp.File("ann"), "--epochs", "1").ExitCode);
        File.WriteAllText(temp.File("short.csv"), string.Join(",", Enumerable.Repeat("0.5", 100)) + ",0\n");

        var result = CliRunner.Run("predict", "--model", temp.File("ann"), "--input", temp.File("short.csv"), "--out", temp.File("p.csv"));

        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("short.csv", result.Error);
        Assert.False(File.Exists(temp.File("p.csv")));
    }

    [Fact]
    public void AFolderThatIsNotAModelIsAClearError()
    {
        using var temp = TestData.TempFolder();
        var result = CliRunner.Run("predict", "--model", temp.Path, "--input", FixtureDataset.Test, "--out", temp.File("p.csv"));
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("not a model folder", result.Error);
    }
}
