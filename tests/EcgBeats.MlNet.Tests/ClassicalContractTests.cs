using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.TestSupport;

namespace EcgBeats.MlNet.Tests;

/// <summary>
/// The contract every classifier keeps (STYLE.md habit 10): seeded fit -> predict -> save -> load ->
/// identical predictions; probabilities that sum to 1; better than the majority class on held-out beats.
/// </summary>
public sealed class ClassicalContractTests
{

    private static readonly ClassicalOptions Small = new() { Trees = 20, Leaves = 16, KernelRank = 200, SvmIterations = 10, Seed = 3 };

    public static TheoryData<string> Kinds() => new("rf", "dt", "svm", "logreg", "gbt");

    private static ValidationSplit Split => TestData.FixtureSplit(0.1, 3);

    /// <summary>Trains in memory, then saves into <paramref name="folder"/>.</summary>
    private static ClassicalBeatClassifier TrainInto(ClassicalDefinition kind, string folder)
    {
        var model = ClassicalTrainer.Train(kind, Split, Small, new TrainingContext { Source = "fixtures" });
        model.Save(folder);
        return model;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SeededFitPredictSaveLoadGivesIdenticalPredictions(string name)
    {
        var kind = ClassicalModels.Find(name)!;
        using var a = TestData.TempFolder();
        using var b = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;

        var first = TrainInto(kind, a.Path);
        var second = TrainInto(kind, b.Path);
        var loaded = ClassicalBeatClassifier.Load(a.Path);

        var p = first.Predict(test.Unlabelled);
        Assert.Equal(p.Values, second.Predict(test.Unlabelled).Values);
        Assert.Equal(p.Values, loaded.Predict(test.Unlabelled).Values);
        Assert.All(Enumerable.Range(0, p.Count), i => Assert.Equal(1f, p.Row(i).ToArray().Sum(), 3));
        Assert.Equal(name, loaded.Card.Model);
        Assert.Equal("ML.NET", loaded.Card.Framework);
        // The card names the package version the project pins (ML.NET's assembly version is always 1.0.0).
        Assert.Equal(PinnedVersion("Microsoft.ML"), loaded.Card.Versions["ML.NET"]);
    }

    /// <summary>The version Directory.Packages.props pins for a package.</summary>
    private static string PinnedVersion(string package)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))) dir = dir.Parent;
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(dir!.FullName, "Directory.Packages.props"));
        return props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void HeldOutAccuracyBeatsTheMajorityClass(string name)
    {
        var kind = ClassicalModels.Find(name)!;
        using var folder = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;
        var model = TrainInto(kind, folder.Path);
        TestData.AssertBeatsTheMajorityClass(model, test);
    }

    [Fact]
    public void ACorruptModelFileIsAClearError()
    {
        using var folder = TestData.TempFolder();
                TrainInto(ClassicalModels.DecisionTree, folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "model.zip"), "not a zip");
        var error = Assert.Throws<InvalidInputException>(() => ClassicalBeatClassifier.Load(folder.Path));
        Assert.Contains("model.zip", error.Message);
    }

    [Fact]
    public void SavedEnsemblesPredictExactlyAsBeforeSaving()
    {
        using var root = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;
        var rf = TrainInto(ClassicalModels.RandomForest, Path.Combine(root.Path, "rf"));
        var dt = TrainInto(ClassicalModels.DecisionTree, Path.Combine(root.Path, "dt"));
        var folders = new Dictionary<string, string> { ["rf"] = Path.Combine(root.Path, "rf"), ["dt"] = Path.Combine(root.Path, "dt") };
        var context = new TrainingContext { Members = [new SharedClassifier(rf), new SharedClassifier(dt)] };
        var registry = new ModelRegistry(ClassicalModels.Family);

        string weightedFolder = Path.Combine(root.Path, "ensemble-weighted");
        using var weighted = Ensembles.Weighted.Train(Split, ModelOptions.None, context);
        weighted.Save(weightedFolder, folders);
        using var weightedBack = registry.Open(weightedFolder);
        Assert.Equal(weighted.Predict(test.Unlabelled).Values, weightedBack.Predict(test.Unlabelled).Values);

        string votingFolder = Path.Combine(root.Path, "ensemble-voting");
        using var voting = Ensembles.Voting.Train(Split, ModelOptions.None.With(Ensembles.VotingOption, VotingMode.Hard), context);
        voting.Save(votingFolder, folders);
        using var votingBack = registry.Open(votingFolder);
        Assert.Equal(voting.Predict(test.Unlabelled).Values, votingBack.Predict(test.Unlabelled).Values);
        Assert.IsType<VotingEnsemble>(votingBack);
    }
}
