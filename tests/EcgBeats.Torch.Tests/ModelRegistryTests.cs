using System.Text.Json.Nodes;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Representations;
using EcgBeats.TestSupport;
using EcgBeats.Torch.Training;
using EcgBeats.Torch.Runtime;
using EcgBeats.Torch;

namespace EcgBeats.Torch.Tests;

/// <summary>
/// The library owns models: one registry opens every kind of model folder (deep, classical, ensemble) by its card's
/// framework, refuses ensembles that contain themselves, and ensembles own their members. No command line here.
/// </summary>
public sealed class ModelRegistryTests
{
    private static readonly ModelRegistry Registry = new(TorchModels.Family, ClassicalModels.Family);

    /// <summary>Trained once: ann, dt, and a weighted and a voting ensemble of them, in one folder.</summary>
    private static readonly Lazy<string> Models = new(() =>
    {
        string root = Directory.CreateTempSubdirectory("ecgbeats-registry-").FullName;
        var split = TestData.FixtureSplit();
        // Train in memory, then save: the same entry for every kind (ModelKind.Train), the ensembles given their members.
        var ann = Networks.Ann.Train(split, new TrainerOptions { Epochs = 2, Threads = 2, Seed = 11 });
        ann.Save(Path.Combine(root, "ann"));
        var dt = ClassicalModels.DecisionTree.Train(split, new ClassicalOptions { Leaves = 8, Seed = 11 });
        dt.Save(Path.Combine(root, "dt"));
        var folders = new Dictionary<string, string> { ["ann"] = Path.Combine(root, "ann"), ["dt"] = Path.Combine(root, "dt") };
        var context = new TrainingContext { Members = [new SharedClassifier(ann), new SharedClassifier(dt)] };
        using (var weighted = Ensembles.Weighted.Train(split, ModelOptions.None.With(CommonOptions.Seed, 11), context)) weighted.Save(Path.Combine(root, "weighted"), folders);
        using (var voting = Ensembles.Voting.Train(split, ModelOptions.None.With(Ensembles.VotingOption, VotingMode.Soft).With(CommonOptions.Seed, 11), context))
            voting.Save(Path.Combine(root, "voting"), folders);
        ann.Dispose();
        dt.Dispose();
        return root;
    });

    private static string Folder(string name) => Path.Combine(Models.Value, name);

    [Theory]
    [InlineData("ann", typeof(TorchBeatClassifier))]
    [InlineData("dt", typeof(ClassicalBeatClassifier))]
    [InlineData("weighted", typeof(WeightedAverageEnsemble))]
    [InlineData("voting", typeof(VotingEnsemble))]
    public void EveryKindOfModelFolderOpensWithOneCall(string folder, Type expected)
    {
        var (_, test) = TestData.FixtureBeats;
        using var model = Registry.Open(Folder(folder));
        Assert.IsType(expected, model);
        var p = model.Predict(test.Unlabelled);
        Assert.Equal(test.Count, p.Count);
        Assert.All(Enumerable.Range(0, p.Count), i => Assert.Equal(1f, p.Row(i).ToArray().Sum(), 3));
    }

    [Fact]
    public void AnOpenedEnsemblePredictsAsItsMembersCombined()
    {
        var (_, test) = TestData.FixtureBeats;
        using var ann = Registry.Open(Folder("ann"));
        using var dt = Registry.Open(Folder("dt"));
        using var voting = Registry.Open(Folder("voting"));
        var expected = VotingEnsemble.Combine([ann.Predict(test.Unlabelled), dt.Predict(test.Unlabelled)], VotingMode.Soft);
        Assert.Equal(expected.Values, voting.Predict(test.Unlabelled).Values);
    }

    [Fact]
    public void AnEnsembleThatContainsItselfIsRefusedNotAStackOverflow()
    {
        using var temp = TestData.TempFolder();
        string self = temp.File("loop");
        CopyCard(Folder("voting"), self, files => { files.Clear(); files["member:loop"] = "."; });
        var error = Assert.Throws<InvalidInputException>(() => Registry.Open(self));
        Assert.Contains("contains itself", error.Message);

        // Two ensembles naming each other.
        string a = temp.File("a"), b = temp.File("b");
        CopyCard(Folder("voting"), a, files => { files.Clear(); files["member:b"] = "../b"; });
        CopyCard(Folder("voting"), b, files => { files.Clear(); files["member:a"] = "../a"; });
        Assert.Contains("contains itself", Assert.Throws<InvalidInputException>(() => Registry.Open(a)).Message);
    }

    [Fact]
    public void DisposingAnEnsembleDisposesItsMembers()
    {
        var members = new[] { new CountingMember(), new CountingMember() };
        var card = members[0].Card with { Model = Ensembles.Voting.Name, Framework = Ensembles.Framework };
        new VotingEnsemble(members, VotingMode.Hard, card).Dispose();
        Assert.All(members, m => Assert.Equal(1, m.Disposed));
    }

    [Fact]
    public void MembersThatReadOtherBeatsAreRefused()
    {
        var plain = new CountingMember();
        var filtered = new CountingMember(new KaggleMitBihRepresentation(new Dsp.FilterOptions(Dsp.FilterKind.Both)).Recipe);
        var error = Assert.Throws<InvalidInputException>(() => EnsembleStore.CheckMembersAgree([plain, filtered], ["a", "b"]));
        Assert.Contains("must read the same beats", error.Message);
        Assert.Contains("filter", error.Message);
    }

    [Theory]
    [InlineData("classes", null, "field 'classes'")]
    [InlineData("classes", "[\"N\",\"S\",\"V\"]", "field 'classes'")]
    [InlineData("framework", "\"SomethingElse\"", "framework 'SomethingElse'")]
    [InlineData("model", "\"rf\"", "not a deep model kind")]
    public void ADamagedCardIsRefusedNamingTheField(string field, string? value, string expected)
    {
        using var temp = TestData.TempFolder();
        string folder = temp.File("ann");
        CopyCard(Folder("ann"), folder, _ => { }, card => card[field] = value is null ? null : JsonNode.Parse(value));
        File.Copy(Path.Combine(Folder("ann"), "model.pt"), Path.Combine(folder, "model.pt"));
        var error = Assert.Throws<InvalidInputException>(() => Registry.Open(folder));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(2_000_000_000)]
    public void AnImpossibleBeatLengthInACardIsRefusedBeforeLibtorchSeesIt(int samples)
    {
        using var temp = TestData.TempFolder();
        string folder = temp.File("ann");
        CopyCard(Folder("ann"), folder, _ => { }, card => card["representation"]!["layout"]!["samplesPerLead"] = samples);
        var error = Assert.Throws<InvalidInputException>(() => Registry.Open(folder));
        Assert.Contains("samplesPerLead", error.Message);
    }

    [Theory]
    [InlineData("ann", "model.pt")]
    [InlineData("dt", "model.zip")]
    public void WeightsChangedAfterSavingAreRefusedByTheirChecksum(string model, string file)
    {
        // #25: the card records each weight file's SHA-256 (computed here independently, by .NET's SHA256) and a changed,
        // damaged or swapped file is refused by name; the untouched copy opens.
        using var temp = TestData.TempFolder();
        string folder = temp.File(model);
        Directory.CreateDirectory(folder);
        foreach (string f in Directory.GetFiles(Folder(model))) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ModelCard.FileName)))!;
        string digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
        Assert.Equal(digest, (string?)card["sha256"]![file]);
        Registry.Open(folder).Dispose();

        byte[] bytes = File.ReadAllBytes(Path.Combine(folder, file));
        bytes[^10] ^= 0x01;
        File.WriteAllBytes(Path.Combine(folder, file), bytes);
        var error = Assert.Throws<InvalidInputException>(() => Registry.Open(folder));
        Assert.Contains(file, error.Message);
        Assert.Contains("SHA-256", error.Message);

        // A card from before the digests were recorded still opens (nothing to check it against).
        card.AsObject().Remove("sha256");
        File.WriteAllText(Path.Combine(folder, ModelCard.FileName), card.ToJsonString());
        File.Copy(Path.Combine(Folder(model), file), Path.Combine(folder, file), overwrite: true);
        Registry.Open(folder).Dispose();
    }

    [Fact]
    public void AHugeFieldOrBinaryWeightsGiveAShortMessage()
    {
        // #25: a 5 MB model card gave a 3 MB error; a damaged model.pt printed 24 KB of binary.
        using var temp = TestData.TempFolder();
        string huge = temp.File("huge");
        CopyCard(Folder("ann"), huge, _ => { }, card => card["model"] = new string('x', 5_000_000));
        var error = Assert.Throws<InvalidInputException>(() => Registry.Open(huge));
        Assert.InRange(error.Message.Length, 1, 1000);

        string binary = temp.File("binary");
        CopyCard(Folder("ann"), binary, _ => { }, card => card.Remove("sha256"));
        var garbage = new byte[24_000];
        new Random(7).NextBytes(garbage);
        for (int i = 0; i < garbage.Length; i++) if (garbage[i] == (byte)'\n') garbage[i] = 0;
        File.WriteAllBytes(Path.Combine(binary, "model.pt"), garbage);
        var load = Assert.Throws<InvalidInputException>(() => Registry.Open(binary));
        Assert.Contains("model.pt", load.Message);
        Assert.InRange(load.Message.Length, 1, 1000);
    }

    [Fact]
    public void NonFiniteWeightsAreRefusedNamingTheParameter()
    {
        // A network whose training diverged saves NaN weights with a true checksum; they would call every beat one class.
        using var temp = TestData.TempFolder();
        string folder = temp.File("nan");
        Directory.CreateDirectory(folder);
        using (var network = Networks.Ann.Create(KaggleMitBihRepresentation.Layout))
        {
            var first = network.named_parameters().First();
            using (TorchSharp.torch.no_grad()) first.parameter.fill_(double.NaN);
            network.save(Path.Combine(folder, TorchBeatClassifier.WeightsFile));
        }
        (ModelCard.Read(Folder("ann")) with { Sha256 = null }).Write(folder);
        var error = Assert.Throws<InvalidInputException>(() => Registry.Open(folder));
        Assert.Contains("holds NaN or infinite values", error.Message);
        Assert.Contains("model.pt", error.Message);
    }

    [Fact]
    public void KindsComeFromOneRegistryInFamilyOrder()
    {
        Assert.Equal(["ann", "cnn", "lstm", "transformer", "rf", "dt", "svm", "logreg", "gbt", "ensemble-weighted", "ensemble-voting", "ensemble-classwise"],
            Registry.Kinds.Select(k => k.Name));
        Assert.Equal(["ann", "cnn", "lstm", "transformer"], Ensembles.Weighted.DefaultMembers(Registry).Select(k => k.Name));
        Assert.Equal(9, Ensembles.Voting.DefaultMembers(Registry).Count);
        // The class-wise ensemble's members are the sources of its declared classes: S from ann and logreg, the rest from gbt.
        Assert.Equal(["ann", "gbt", "logreg"], Ensembles.ClassWise.DefaultMembers(Registry).Select(k => k.Name).Order());
        Assert.True(Registry.OrderOf("ensemble-voting-soft") > Registry.OrderOf("ensemble-weighted"));
        Assert.Equal("14", Registry.Find("cnn")!.DefaultOptions["epochs"]);
        Assert.Equal("100", Registry.Find("rf")!.DefaultOptions["trees"]);
        Assert.Throws<ArgumentException>(() => new ModelRegistry(TorchModels.Family, TorchModels.Family));
    }

    [Fact]
    public void AClassWiseEnsemblesMembersAreTheKindsItsClassesName()
    {
        var named = ModelOptions.None.With(Ensembles.ClassesOption, "N:gbt S:rfx3 V:gbt F:gbt Q:gbt");
        Assert.Equal(["gbt", "rf"], Ensembles.ClassWise.Members(Registry, named).Select(k => k.Name).Order());
        Assert.Equal(["ann", "gbt", "logreg"], Ensembles.ClassWise.Members(Registry, ModelOptions.None).Select(k => k.Name).Order());
        var network = ModelOptions.None.With(Ensembles.ClassesOption, "N:gbt S:annx2 V:gbt F:gbt Q:gbt");
        Assert.Equal(["ann", "gbt"], Ensembles.ClassWise.Members(Registry, network).Select(k => k.Name).Order());
        var unknown = Assert.Throws<InvalidInputException>(() =>
            Ensembles.ClassWise.Members(Registry, ModelOptions.None.With(Ensembles.ClassesOption, "N:gbt S:nosuch V:gbt F:gbt Q:gbt")));
        Assert.Contains("nosuch", unknown.Message);
        // Other ensembles ignore it.
        Assert.Equal(4, Ensembles.Weighted.Members(Registry, named).Count);
    }

    [Fact]
    public void OnNewPatientsAnnReadsTheFeaturesAloneAugmentedUnlessTold()
    {
        var profile = new EcgBeats.Runs.RunProfile("test", null, _ => ModelOptions.None, 1);
        var inter = Networks.Ann.Resolve(profile.For(Networks.Ann, inter: true, seed: 1));
        Assert.Equal("features", inter["inputs"]);
        Assert.Equal("true", inter["augment"]);
        Assert.Equal("true", inter["class-weights"]);
        var intra = Networks.Ann.Resolve(profile.For(Networks.Ann, inter: false, seed: 1));
        Assert.Equal("all", intra["inputs"]);
        Assert.Equal("false", intra["augment"]);
        // The other networks read the waveform on new patients too; a user's option wins over the recipe.
        Assert.Equal("all", Networks.Cnn.Resolve(profile.For(Networks.Cnn, inter: true, seed: 1))["inputs"]);
        var given = ModelOptions.None.With(DeepOptions.Inputs, EcgBeats.Torch.Architectures.NetworkInputs.All);
        Assert.Equal("all", Networks.Ann.Resolve(EcgBeats.Protocols.InterPatientCrossValidation.OptionsFor(Networks.Ann, given))["inputs"]);
        Assert.Equal("true", Networks.Ann.Resolve(EcgBeats.Protocols.InterPatientCrossValidation.OptionsFor(Networks.Ann, given))["augment"]);
    }

    /// <summary>Copies a model card into a new folder, changing its member files and any field.</summary>
    private static void CopyCard(string from, string to, Action<JsonObject> files, Action<JsonObject>? edit = null)
    {
        Directory.CreateDirectory(to);
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(from, ModelCard.FileName)))!.AsObject();
        var fileTable = card["files"]!.AsObject();
        files(fileTable);
        edit?.Invoke(card);
        File.WriteAllText(Path.Combine(to, ModelCard.FileName), card.ToJsonString());
    }

    private sealed class CountingMember(RepresentationRecipe? recipe = null) : IBeatClassifier
    {
        public int Disposed { get; private set; }
        public string Name => "counting";
        public ModelCard Card { get; } = new()
        {
            Model = "ann", Framework = TorchModels.Framework, Hyperparameters = new Dictionary<string, string>(),
            Representation = recipe ?? new KaggleMitBihRepresentation().Recipe,
        };
        public ClassProbabilities Predict(UnlabelledBeats beats) => new(new float[beats.Count * 5], 5);
        public void Dispose() => Disposed++;
    }
}
