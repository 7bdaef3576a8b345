using EcgBeats.Datasets;
using EcgBeats.TestSupport;
using EcgBeats.Beats;

namespace EcgBeats.Tests.Datasets;

/// <summary>Issue #14: a dataset folder holds one whole dataset, never new files beside old ones.</summary>
public sealed class DatasetWriterTests
{
    private static BuiltDataset Build(int seed) =>
        DatasetBuilder.Build(TestData.Fixture("mitdb"), DatasetRecipe.Kaggle(SplitKind.Intra, seed));

    [Fact]
    public void AWriteThatFailsHalfWayLeavesThePreviousDatasetWhole()
    {
        using var temp = TestData.TempFolder();
        string folder = temp.File("ds");
        DatasetWriter.Write(folder, Build(1));
        var before = Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        // A second build whose writing fails after its new training file (its test beats carry no provenance).
        var second = Build(2);
        var broken = second with { Test = new LabelledBeats(second.Test.Values.Length / second.Test.Count, second.Test.Values, second.Test.Labels, second.Test.Recipe) };
        Assert.ThrowsAny<ArgumentException>(() => DatasetWriter.Write(folder, broken));

        var after = Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, f => Assert.True(f.Value.AsSpan().SequenceEqual(after[f.Key]), $"{f.Key} changed"));
        Assert.Equal(["ds"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AKillBetweenTheSwapsMovesLeavesThePreviousDatasetWhichComesBack()
    {
        // #25: killed after the old folder moved aside and before the new one moved in, build-dataset left no dataset
        // folder (and a killed build left its hidden .building folder). The next reader or writer puts the old one back.
        using var temp = TestData.TempFolder();
        string folder = temp.File("ds");
        var card = DatasetWriter.Write(folder, Build(1));
        int dead;
        using (var process = System.Diagnostics.Process.Start("true")!) { process.WaitForExit(); dead = process.Id; } // a process that has ended
        Directory.Move(folder, temp.File($".ds.old.{dead}.0123"));
        Directory.CreateDirectory(temp.File($".ds.building.{dead}.4567"));
        File.WriteAllText(temp.File($".ds.building.{dead}.4567/mitbih_train.csv"), "half");

        var train = DatasetFiles.ReadLabelled(Path.Combine(folder, card.FileFor("train")));

        Assert.Equal(card.TrainCounts.Total, train.Count);
        Assert.Equal(1, DatasetCard.Read(Path.Combine(folder, DatasetCard.FileName)).Seed);
        Assert.Equal(["ds"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ASecondBuildReplacesTheWholeFolder()
    {
        using var temp = TestData.TempFolder();
        string folder = temp.File("ds");
        DatasetWriter.Write(folder, Build(1));
        var card = DatasetWriter.Write(folder, Build(2));
        Assert.Equal(2, DatasetCard.Read(Path.Combine(folder, DatasetCard.FileName)).Seed);
        var train = DatasetFiles.ReadLabelled(Path.Combine(folder, card.FileFor("train")));
        Assert.Equal(card.TrainCounts.Total, train.Count);
    }

    [Fact]
    public void AFolderHoldingOtherFilesIsRefusedBeforeAnythingIsWritten()
    {
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("notes.txt"), "mine");
        var error = Assert.Throws<InvalidInputException>(() => DatasetWriter.CheckTarget(temp.Path));
        Assert.Contains("notes.txt", error.Message);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}
