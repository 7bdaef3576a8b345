using System.Buffers.Binary;
using System.Xml.Linq;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Reports.Plots;
using EcgBeats.TestSupport;
using EcgBeats.Protocols;

namespace EcgBeats.Reports.Tests;

/// <summary>
/// Every figure renders from real beats to a PNG of the promised size and an SVG that parses and
/// carries its title. (What they look like was checked by eye, on a real runs results.)
/// </summary>
public sealed class FigureTests
{
    private static readonly string[] Classes = ["N", "S", "V", "F", "Q"];

    /// <summary>An evaluation of a rule that is right on 9 beats in 10, on the fixture test beats.</summary>
    private static Evaluation Evaluation(string model)
    {
        var test = TestData.FixtureBeats.Test;
        var probabilities = new float[test.Count * 5];
        for (int i = 0; i < test.Count; i++) probabilities[i * 5 + (i % 10 == 0 ? (test.Labels[i] + 1) % 5 : test.Labels[i])] = 1;
        return Protocols.Evaluation.From(model, Classes, test, "fixtures", new ClassProbabilities(probabilities, 5), seed: 1, resamples: 50, predictSeconds: 0);
    }

    private static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static void AssertSvgWithText(string png, string text)
    {
        string svg = Path.ChangeExtension(png, ".svg");
        var document = XDocument.Load(svg);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Contains(text, document.ToString());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(png)!, "*.tmp*"));
    }

    [Fact]
    public void ConfusionMatrixHeatmap()
    {
        using var folder = TestData.TempFolder();
        string png = ConfusionMatrixPlot.Save(Evaluation("cnn"), folder.Path);
        Assert.Equal(Path.Combine(folder.Path, "confusion-cnn.png"), png);
        Assert.Equal((760, 640), PngSize(png));
        AssertSvgWithText(png, "confusion matrix");
    }

    [Fact]
    public void ModelComparisonBars()
    {
        using var folder = TestData.TempFolder();
        string png = ModelComparisonPlot.Save([Evaluation("ann"), Evaluation("cnn"), Evaluation("ensemble-weighted")], folder.Path);
        Assert.Equal((900, 560), PngSize(png));
        AssertSvgWithText(png, "ensemble-weighted");
    }

    [Fact]
    public void TrainingCurvesNeedAHistory()
    {
        using var folder = TestData.TempFolder();
        var card = new ModelCard
        {
            Model = "cnn", Framework = "TorchSharp", Hyperparameters = new Dictionary<string, string>(), BestEpoch = 2,
            Representation = new EcgBeats.Representations.KaggleMitBihRepresentation().Recipe,
            History = [new EpochRecord(1, 0.5, 0.8, 0.4, 0.85, 0.6, 1e-3, 10), new EpochRecord(2, 0.3, 0.9, 0.3, 0.9, 0.7, 5e-4, 10),
                       new EpochRecord(3, 0.2, 0.93, 0.31, 0.9, 0.69, 1e-5, 10)],
        };
        string png = TrainingCurvesPlot.Save(card, folder.Path);
        Assert.Equal((900, 560), PngSize(png));
        AssertSvgWithText(png, "validation macro-F1");
        Assert.Throws<ArgumentException>(() => TrainingCurvesPlot.Save(card with { History = null }, folder.Path));
    }

    [Fact]
    public void BeatExamplesAndClassDistributionFromRealBeats()
    {
        using var folder = TestData.TempFolder();
        var train = TestData.FixtureBeats.Train;
        string examples = BeatExamplesPlot.Save(train, folder.Path, perClass: 5);
        Assert.Equal((900, 720), PngSize(examples));
        AssertSvgWithText(examples, "time from the beat");

        string distribution = ClassDistributionPlot.Save([("training", train.ClassCounts()), ("balanced", Balancer.Balance(train, 300, 1).ClassCounts())], folder.Path);
        Assert.Equal((900, 560), PngSize(distribution));
        AssertSvgWithText(distribution, "log scale");
    }
}
