using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Models;
using EcgBeats.TestSupport;
using EcgBeats.Torch.Training;
using EcgBeats.Torch.Runtime;
using EcgBeats.Torch;

namespace EcgBeats.Torch.Tests;

/// <summary>Short training runs on real beats from the fixture records.</summary>
public sealed class TrainerTests
{

    private static TrainerOptions Quick(int epochs = 4) => new()
    {
        Epochs = epochs, BatchSize = 64, LearningRate = 3e-3, Patience = 10, Threads = 2, Seed = 11,
    };

    /// <summary>Trains with checkpoints in <paramref name="folder"/>, then saves the model there (what <c>train</c> and <c>run</c> do).</summary>
    private static TorchBeatClassifier TrainInto(NetworkDefinition network, ValidationSplit split, TrainerOptions options, string folder, bool resume = false,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var model = Trainer.Train(network, split, options, new TrainingContext { Source = "fixtures", CheckpointFolder = folder, Resume = resume, Progress = progress, Cancel = cancel });
        model.Save(folder);
        return model;
    }

    /// <summary>The fixture training beats, held out 15% by beat (seed 11).</summary>
    private static ValidationSplit Split => TestData.FixtureSplit();

    [Theory]
    [InlineData("ann")]
    [InlineData("cnn")]
    public void LossDropsAndHeldOutAccuracyBeatsTheMajorityClass(string kind)
    {
        using var folder = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;
        using var model = TrainInto(Networks.Find(kind)!, Split, Quick(epochs: 8), folder.Path);

        var history = model.Card.History!;
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss * 0.8, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        TestData.AssertBeatsTheMajorityClass(model, test);
    }

    [Fact]
    public void SameSeedSameDataSameWeightsAndMetrics()
    {
        using var a = TestData.TempFolder();
        using var b = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;
        using var first = TrainInto(Networks.Cnn, Split, Quick(epochs: 2), a.Path);
        using var second = TrainInto(Networks.Cnn, Split, Quick(epochs: 2), b.Path);

        Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, "model.pt")), File.ReadAllBytes(Path.Combine(b.Path, "model.pt")));
        Assert.Equal(first.Card.History!.Select(h => h with { Seconds = 0 }), second.Card.History!.Select(h => h with { Seconds = 0 }));
        Assert.Equal(first.Predict(test.Unlabelled).Values, second.Predict(test.Unlabelled).Values);
        Assert.Equal(2, first.Card.Threads);
    }

    [Fact]
    public void SaveThenLoadGivesBitIdenticalOutputs()
    {
        using var folder = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;
        using var trained = TrainInto(Networks.Lstm, Split, Quick(epochs: 1), folder.Path);
        using var loaded = TorchModels.Load(folder.Path);

        Assert.Equal(trained.Predict(test.Unlabelled).Values, loaded.Predict(test.Unlabelled).Values);
        Assert.Equal("lstm", loaded.Card.Model);
        Assert.False(File.Exists(Path.Combine(folder.Path, "checkpoint.json")), "a finished run leaves no checkpoint");
    }

    [Fact]
    public void AModelOfAnotherArchitectureVersionIsRefusedByName()
    {
        using var folder = TestData.TempFolder();
        using (TrainInto(Networks.Lstm, Split, Quick(epochs: 1), folder.Path)) { }
        // As an LSTM saved before version 2 added its batch norm: the card says version 1.
        string card = Path.Combine(folder.Path, ModelCard.FileName);
        File.WriteAllText(card, File.ReadAllText(card).Replace("\"modelVersion\": 2", "\"modelVersion\": 1", StringComparison.Ordinal));

        var e = Assert.Throws<InvalidInputException>(() => TorchModels.Load(folder.Path));
        Assert.Contains("version 1 of the architecture", e.Message);
        Assert.Contains("version 2", e.Message);
    }

    [Fact]
    public void AResumedRunEndsWhereAnUninterruptedOneDoes()
    {
        using var whole = TestData.TempFolder();
        using var parts = TestData.TempFolder();
        var (_, test) = TestData.FixtureBeats;
        using var uninterrupted = TrainInto(Networks.Ann, Split, Quick(epochs: 3), whole.Path);

        // Stop during epoch 2: epoch 1 is checkpointed, the run says it was cancelled.
        using var cancel = new CancellationTokenSource();
        var stopInEpoch2 = new SynchronousProgress<TrainingProgress>(p => { if (p.Epoch == 2 && p.Batch == 3) cancel.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => TrainInto(Networks.Ann, Split, Quick(epochs: 3), parts.Path, false, stopInEpoch2, cancel.Token));
        Assert.True(File.Exists(Path.Combine(parts.Path, "checkpoint.json")));
        Assert.False(File.Exists(Path.Combine(parts.Path, "model.json")));

        using var resumed = TrainInto(Networks.Ann, Split, Quick(epochs: 3), parts.Path, resume: true);
        Assert.Equal(uninterrupted.Card.History!.Select(h => h with { Seconds = 0 }).ToList(), resumed.Card.History!.Select(h => h with { Seconds = 0 }).ToList());
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Path, "model.pt")), File.ReadAllBytes(Path.Combine(parts.Path, "model.pt")));
        Assert.Equal(uninterrupted.Predict(test.Unlabelled).Values, resumed.Predict(test.Unlabelled).Values);
        Assert.Equal(3, resumed.Card.History!.Count);
    }

    /// <summary>
    /// Issue #14: a kill while an epoch's checkpoint is being written (its new weights on disk, the manifest not yet
    /// replaced) must resume from the previous whole epoch, not mix the two; a damaged checkpoint file is refused by name.
    /// </summary>
    [Fact]
    public void AKillWhileCheckpointingResumesFromTheLastWholeEpochAndDamageIsNamed()
    {
        using var whole = TestData.TempFolder();
        using var parts = TestData.TempFolder();
        using var uninterrupted = TrainInto(Networks.Ann, Split, Quick(epochs: 3), whole.Path);

        using var cancel = new CancellationTokenSource();
        var stopInEpoch2 = new SynchronousProgress<TrainingProgress>(p => { if (p.Epoch == 2 && p.Batch == 3) cancel.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => TrainInto(Networks.Ann, Split, Quick(epochs: 3), parts.Path, false, stopInEpoch2, cancel.Token));
        // What a kill in the middle of saving epoch 2 leaves: its new weights (here: other bytes) and a temporary file.
        string epoch1 = Path.Combine(parts.Path, "checkpoint.e1.pt");
        Assert.True(File.Exists(epoch1), "epoch 1's weights carry the epoch in their name");
        File.WriteAllBytes(Path.Combine(parts.Path, "checkpoint.e2.pt"), File.ReadAllBytes(Path.Combine(whole.Path, "model.pt")));
        File.WriteAllBytes(Path.Combine(parts.Path, ".checkpoint.e2.optimizer.pt.tmp"), [1, 2, 3]);

        // A damaged file of the manifest is refused by name, before any training.
        byte[] good = File.ReadAllBytes(epoch1);
        byte[] bad = (byte[])good.Clone();
        bad[bad.Length / 2] ^= 0x40;
        File.WriteAllBytes(epoch1, bad);
        var damaged = Assert.Throws<InvalidInputException>(() => TrainInto(Networks.Ann, Split, Quick(epochs: 3), parts.Path, resume: true));
        Assert.Contains("checkpoint.e1.pt", damaged.Message);
        File.WriteAllBytes(epoch1, good);

        using var resumed = TrainInto(Networks.Ann, Split, Quick(epochs: 3), parts.Path, resume: true);
        Assert.Equal(uninterrupted.Card.History!.Select(h => h with { Seconds = 0 }).ToList(), resumed.Card.History!.Select(h => h with { Seconds = 0 }).ToList());
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Path, "model.pt")), File.ReadAllBytes(Path.Combine(parts.Path, "model.pt")));
        Assert.DoesNotContain(Directory.EnumerateFiles(parts.Path).Select(Path.GetFileName), f => f!.Contains("checkpoint") || f.EndsWith(".tmp"));
    }

    [Fact]
    public void BalancedTrainingRecordsWhatItTrainedOn()
    {
        using var folder = TestData.TempFolder();
        var (train, _) = TestData.FixtureBeats;
        using var model = TrainInto(Networks.Ann, Split, Quick(epochs: 1) with { BalancePerClass = 200 }, folder.Path);
        Assert.Equal([200, 200, 200, 200, 200], model.Card.TrainingData!.Beats);
        Assert.Equal(train.Fingerprint(), model.Card.TrainingData.Sha256);
        Assert.Equal(Split.Fingerprint, model.Card.TrainingData.ValidationFingerprint);
    }

    [Fact]
    public void MissingOrCorruptWeightsAreAClearError()
    {
        using var folder = TestData.TempFolder();
        TrainInto(Networks.Ann, Split, Quick(epochs: 1), folder.Path).Dispose();
        string weights = Path.Combine(folder.Path, "model.pt");

        byte[] bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 3)]);
        var corrupt = Assert.Throws<InvalidInputException>(() => TorchModels.Load(folder.Path));
        Assert.Contains("model.pt", corrupt.Message);
        Assert.Contains("corrupt", corrupt.Message);

        File.Delete(weights);
        var missing = Assert.Throws<InvalidInputException>(() => TorchModels.Load(folder.Path));
        Assert.Contains("missing", missing.Message);

        var notAModel = Assert.Throws<InvalidInputException>(() => TorchModels.Load(TestData.Fixture("mitdb")));
        Assert.Contains("not a model folder", notAModel.Message);
    }

    [Fact]
    public void BeatsOfAnotherLengthAreRefused()
    {
        using var folder = TestData.TempFolder();
        using var model = TrainInto(Networks.Ann, Split, Quick(epochs: 1), folder.Path);
        var wrong = new UnlabelledBeats(100, new float[200]);
        var error = Assert.Throws<InvalidInputException>(() => model.Predict(wrong));
        Assert.Contains("expects 187", error.Message);
    }

    /// <summary>Issue #22: a kind trains in memory (no folder) from declared options, and its card lists every option it took.</summary>
    [Fact]
    public void AKindTrainsInMemoryFromDeclaredOptionsAndItsCardListsEveryOption()
    {
        var options = ModelOptions.None.With(DeepOptions.Epochs, 1).With(DeepOptions.Batch, 64).With(CommonOptions.Threads, (int?)2).With(CommonOptions.Seed, 11);
        using var model = Networks.Ann.Train(Split, options);
        Assert.Equal(1, model.Card.Epochs);
        Assert.Equal(11, model.Card.Seed);
        // Every option the kind declares is on the card, with the value it trained with (given or default).
        Assert.Equal(Networks.Ann.Options.Select(o => o.Name).Order(), model.Card.Options!.Keys.Order());
        Assert.Equal("1", model.Card.Options["epochs"]);
        Assert.Equal("64", model.Card.Options["batch"]);
        Assert.Equal(Networks.Ann.DefaultOptions["patience"], model.Card.Options["patience"]);
        Assert.Equal("none", model.Card.Options["clip"]);
        // An option the kind does not take is refused by name.
        var error = Assert.Throws<ArgumentException>(() => Networks.Ann.Train(Split, ModelOptions.None.With(EcgBeats.MlNet.ClassicalOptionDeclarations.Trees, 3)));
        Assert.Contains("trees", error.Message);
    }
}
