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

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SeededFitPredictSaveLoadGivesIdenticalPredictions(string name)
    {
        var kind = ClassicalModels.Find(name)!;
        using var a = TestData.TempFolder();
        using var b = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;

        var first = ClassicalTrainer.Train(kind, Split, Small, a.Path, "fixtures");
        var second = ClassicalTrainer.Train(kind, Split, Small, b.Path, "fixtures");
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
        var model = ClassicalTrainer.Train(kind, Split, Small, folder.Path, "fixtures");
        TestData.AssertBeatsTheMajorityClass(model, test);
    }

    [Fact]
    public void ACorruptModelFileIsAClearError()
    {
        using var folder = TestData.TempFolder();
                ClassicalTrainer.Train(ClassicalModels.DecisionTree, Split, Small, folder.Path, "fixtures");
        File.WriteAllText(Path.Combine(folder.Path, "model.zip"), "not a zip");
        var error = Assert.Throws<InvalidInputException>(() => ClassicalBeatClassifier.Load(folder.Path));
        Assert.Contains("model.zip", error.Message);
    }

    [Fact]
    public void SavedEnsemblesPredictExactlyAsBeforeSaving()
    {
        using var root = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;
        var rf = ClassicalTrainer.Train(ClassicalModels.RandomForest, Split, Small, Path.Combine(root.Path, "rf"), "fixtures");
        var dt = ClassicalTrainer.Train(ClassicalModels.DecisionTree, Split, Small, Path.Combine(root.Path, "dt"), "fixtures");
        IBeatClassifier[] members = [rf, dt];
        string[] folders = [Path.Combine(root.Path, "rf"), Path.Combine(root.Path, "dt")];

        string weightedFolder = Path.Combine(root.Path, "ensemble-weighted");
        var weights = new[] { 0.3, 0.7 };
        var weighted = new WeightedAverageEnsemble(members, weights,
            EnsembleStore.Describe(Ensembles.Weighted, weightedFolder, folders, members, weights, null, 3, null, "test"));
        Directory.CreateDirectory(weightedFolder);
        weighted.Card.Write(weightedFolder);
        var registry = new ModelRegistry(ClassicalModels.Family);
        using var weightedBack = registry.Open(weightedFolder);
        Assert.Equal(weighted.Predict(test.Unlabelled).Values, weightedBack.Predict(test.Unlabelled).Values);

        string votingFolder = Path.Combine(root.Path, "ensemble-voting");
        var voting = new VotingEnsemble(members, VotingMode.Hard,
            EnsembleStore.Describe(Ensembles.Voting, votingFolder, folders, members, null, VotingMode.Hard, 3, null, "test"));
        Directory.CreateDirectory(votingFolder);
        voting.Card.Write(votingFolder);
        using var votingBack = registry.Open(votingFolder);
        Assert.Equal(voting.Predict(test.Unlabelled).Values, votingBack.Predict(test.Unlabelled).Values);
        Assert.IsType<VotingEnsemble>(votingBack);
    }
}
