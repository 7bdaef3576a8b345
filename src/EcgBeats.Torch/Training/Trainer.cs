using EcgBeats.Models;
using System.Diagnostics;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using EcgBeats.Beats;

namespace EcgBeats.Torch.Training;

/// <summary>
/// Trains a deep network: Adam with a warm-up and cosine learning-rate schedule, seeded shuffled
/// mini-batches, a stratified validation split, early stopping on validation macro-F1 with the best
/// weights restored, optional class weights or balanced resampling, a checkpoint after every epoch
/// in a checkpoint folder, when given one (so a resumed training continues, and Ctrl+C loses at most the epoch under way).
/// </summary>
/// <remarks>
/// Same seed, same data, same thread count: the same weights and metrics. The seed fixes the
/// initial weights, the validation split, the balancing, each epoch's batch order (seed + epoch)
/// and dropout (TorchSharp reseeded with seed + epoch), so a resumed run continues exactly as an
/// uninterrupted one would. TorchSharp's generator is process-wide, so runs in one process take
/// turns (and nothing else in the process should draw from it meanwhile).
/// </remarks>
public static class Trainer
{
    private static readonly Lock OneRunAtATime = new();

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="split"/>'s training beats, stopping early on its validation
    /// beats, in memory. With <see cref="TrainingContext.CheckpointFolder"/>, a checkpoint is written there after every
    /// epoch, and <see cref="TrainingContext.Resume"/> continues from it; saving the model there
    /// (<see cref="TorchBeatClassifier.Save(string)"/>) removes it.
    /// </summary>
    /// <param name="network">The architecture.</param>
    /// <param name="split">The training data and the beats held out for validation; the beats must say how they were cut.</param>
    /// <param name="options">How to train.</param>
    /// <param name="context">The data's name for the card, progress, cancellation, checkpoints.</param>
    /// <exception cref="OperationCanceledException">Cancelled; with a checkpoint folder, the last whole epoch is on disk.</exception>
    /// <exception cref="InvalidInputException">The beats do not say how they were cut, or a checkpoint to resume belongs to another run.</exception>
    public static TorchBeatClassifier Train(NetworkDefinition network, ValidationSplit split, TrainerOptions options, TrainingContext context)
    {
        lock (OneRunAtATime) return TrainAlone(network, split, options, context);
    }

    private static TorchBeatClassifier TrainAlone(NetworkDefinition definition, ValidationSplit split, TrainerOptions options, TrainingContext context)
    {
        string source = context.Source;
        string? folder = context.CheckpointFolder;
        var progress = context.Progress;
        var cancel = context.Cancel;
        var recipe = split.Data.Recipe
            ?? throw new InvalidInputException($"{source}: the training beats do not say how they were cut (no representation recipe), so the model could not be fed the same beats later");
        if (folder is not null) Directory.CreateDirectory(folder);
        bool flushed = TorchRuntime.Configure(options.Threads);
        var device = TorchRuntime.ParseDevice(options.Device);
        string name = definition.Name;
        // The checkpoint belongs to these beats and this validation split.
        string fingerprint = split.Fingerprint;

        // The validation split keeps the natural class mix; balancing touches the training part only.
        var trainSet = split.Training;
        var validation = split.Validation;
        if (options.BalancePerClass is { } perClass) trainSet = Balancer.Balance(trainSet, perClass, options.Seed);
        int classes = Beats.AamiMapping.ClassCount;

        torch.manual_seed(options.Seed);
        var network = definition.Create(recipe.Layout, classes, options.Inputs);
        using var weights = options.ClassWeights
            ? torch.tensor(Balancer.ClassWeights(trainSet).Select(w => (float)Math.Min(w, options.ClassWeightCap ?? double.PositiveInfinity)).ToArray()).to(device)
            : null;
        using var lossFunction = nn.CrossEntropyLoss(weights);

        using var x = torch.tensor(trainSet.Values, [trainSet.Count, trainSet.ValuesPerBeat]).to(device);
        using var y = torch.tensor(trainSet.Labels.Select(l => (long)l).ToArray()).to(device);
        int perEpoch = Math.Min(trainSet.Count, options.MaxBeatsPerEpoch ?? int.MaxValue);
        int batches = (perEpoch + options.BatchSize - 1) / options.BatchSize;
        var schedule = new LearningRateSchedule(options.LearningRate, batches, options.Epochs);

        var history = new List<EpochRecord>();
        int firstEpoch = 1, bestEpoch = 0;
        double bestF1 = -1, seconds = 0;
        Dictionary<string, Tensor>? best = null;
        var checkpoint = context.Resume && folder is not null ? TrainingCheckpoint.Read(folder) : null;
        if (checkpoint is not null)
        {
            if (checkpoint.Model != name || checkpoint.DataFingerprint != fingerprint || checkpoint.Options with { Epochs = options.Epochs } != options)
                throw new InvalidInputException($"{Path.Combine(folder!, TrainingCheckpoint.StateFile)}: the checkpoint is of another model, other data or other options; " +
                                                "train into a new folder, or delete the checkpoint to start afresh");
            LoadWeights(network, checkpoint.PathOf(folder!, TrainingCheckpoint.Weights));
            using (var bestNetwork = definition.Create(recipe.Layout, classes, options.Inputs))
            {
                LoadWeights(bestNetwork, checkpoint.PathOf(folder!, TrainingCheckpoint.BestWeights));
                best = Snapshot(bestNetwork);
            }
            history.AddRange(checkpoint.History);
            (firstEpoch, bestEpoch, bestF1, seconds) = (checkpoint.Epoch + 1, checkpoint.BestEpoch, checkpoint.BestMacroF1, checkpoint.Seconds);
        }
        else if (folder is not null)
        {
            TrainingCheckpoint.Delete(folder);
        }
        // The optimizer is made after the weights are loaded: loading replaces the parameter tensors.
        network.to(device);
        using var optimizer = new AdamOptimizer(network.parameters(), options.LearningRate, options.WeightDecay);
        if (checkpoint is not null)
        {
            string optimizerPath = checkpoint.PathOf(folder!, TrainingCheckpoint.Optimizer);
            try { optimizer.Load(optimizerPath); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidInputException($"{optimizerPath}: not a readable optimizer state ({e.Message}); delete {TrainingCheckpoint.StateFile} to start afresh", e);
            }
        }

        for (int epoch = firstEpoch; epoch <= options.Epochs && EarlyStopping.Continues(epoch, bestEpoch, options.Patience); epoch++)
        {
            var clock = Stopwatch.StartNew();
            torch.manual_seed(options.Seed + epoch);
            int[] order = SeededRandom.Permutation(trainSet.Count, options.Seed + epoch);
            // The epoch's beats gathered once, in batch order: each batch is then a slice, not a gather of its own
            // (the same beats in the same batches as gathering per batch, so the same weights).
            using var epochIndex = torch.tensor(order.AsSpan(0, perEpoch).ToArray().Select(i => (long)i).ToArray()).to(device);
            using var xEpoch = x.index_select(0, epochIndex);
            using var yEpoch = y.index_select(0, epochIndex);
            network.train();
            double lossSum = 0;
            long correct = 0, seen = 0;
            for (int b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                int start = b * options.BatchSize, size = Math.Min(options.BatchSize, perEpoch - start);
                var xb = xEpoch.narrow(0, start, size);
                if (options.Augment) xb = NewPatientAugmentation.Apply(xb, recipe.Layout);
                var yb = yEpoch.narrow(0, start, size);
                schedule.Apply(optimizer, (epoch - 1) * batches + b);
                optimizer.ZeroGrad();
                var logits = network.forward(xb);
                var loss = lossFunction.forward(logits, yb);
                loss.backward();
                if (options.ClipGradientNorm is { } clip) nn.utils.clip_grad_norm_(network.parameters(), clip);
                optimizer.Step();
                lossSum += loss.item<float>() * size;
                correct += logits.argmax(1).eq(yb).sum().item<long>();
                seen += size;
                progress?.Report(new TrainingProgress(name, epoch, options.Epochs, b + 1, batches, lossSum / seen, (double)correct / seen,
                    seen / Math.Max(1e-9, clock.Elapsed.TotalSeconds)));
            }
            var (validationLoss, matrix) = Evaluate(network, validation, lossFunction, device, options.InferenceBatchSize);
            seconds += clock.Elapsed.TotalSeconds;
            var record = new EpochRecord(epoch, lossSum / seen, (double)correct / seen, validationLoss, matrix.Accuracy, matrix.MacroF1,
                schedule.Rate((epoch * batches) - 1), clock.Elapsed.TotalSeconds);
            history.Add(record);
            if (record.ValidationMacroF1 > bestF1)
            {
                DisposeAll(best);
                (bestF1, bestEpoch, best) = (record.ValidationMacroF1, epoch, Snapshot(network));
            }
            if (folder is not null) SaveCheckpoint(folder, network, optimizer, best!, definition, recipe.Layout, classes,
                new TrainingCheckpoint(name, fingerprint, options, epoch, bestEpoch, bestF1, history, seconds));
            progress?.Report(new TrainingProgress(name, epoch, options.Epochs, batches, batches, record.TrainLoss, record.TrainAccuracy,
                seen / Math.Max(1e-9, record.Seconds), record));
        }

        network.load_state_dict(best ?? Snapshot(network));
        DisposeAll(best);
        var (_, kept) = Evaluate(network, validation, lossFunction, device, options.InferenceBatchSize);
        var card = new ModelCard
        {
            Model = name,
            ModelVersion = definition.Version,
            Framework = TorchModels.Framework,
            Hyperparameters = Hyperparameters(definition, options, split, flushed),
            Options = definition.Describe(options),
            Representation = recipe,
            Parameters = NetworkDefinition.ParameterCount(network),
            TrainingData = TrainingData.Of(split, source, trainSet.ClassCounts(classes),
                options.BalancePerClass is { } n ? $"resampled to {n} per class (majority without, minority with replacement)"
                    : options.ClassWeights ? "inverse-frequency class weights in the loss" : "none"),
            Epochs = history.Count,
            BestEpoch = bestEpoch,
            History = history,
            Validation = new Dictionary<string, double>
            {
                ["accuracy"] = kept.Accuracy,
                ["macroF1"] = kept.MacroF1,
                ["beats"] = kept.Total,
            },
            Seed = options.Seed,
            Threads = options.Threads,
            Device = options.Device,
            TrainingSeconds = seconds,
            Versions = TorchRuntime.Versions(),
            Files = new Dictionary<string, string> { ["weights"] = TorchBeatClassifier.WeightsFile },
        };
        return new TorchBeatClassifier(network, card, device) { BatchSize = options.InferenceBatchSize, AfterSave = TrainingCheckpoint.Delete };
    }

    /// <summary>Validation loss and confusion matrix, in inference mode.</summary>
    private static (double Loss, ConfusionMatrix Matrix) Evaluate(nn.Module<Tensor, Tensor> network, LabelledBeats beats, nn.Module<Tensor, Tensor, Tensor> lossFunction,
        Device device, int batchSize)
    {
        network.eval();
        using var inference = torch.inference_mode();
        var predicted = new int[beats.Count];
        double lossSum = 0;
        for (int start = 0; start < beats.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            int n = Math.Min(batchSize, beats.Count - start);
            var xb = torch.tensor(beats.Values.AsSpan(start * beats.ValuesPerBeat, n * beats.ValuesPerBeat).ToArray(), [n, beats.ValuesPerBeat]).to(device);
            var yb = torch.tensor(beats.Labels.AsSpan(start, n).ToArray().Select(l => (long)l).ToArray()).to(device);
            var logits = network.forward(xb);
            lossSum += lossFunction.forward(logits, yb).item<float>() * n;
            logits.argmax(1).cpu().data<long>().ToArray().Select(v => (int)v).ToArray().CopyTo(predicted, start);
        }
        return (beats.Count == 0 ? 0 : lossSum / beats.Count, ConfusionMatrix.From(beats.Labels, predicted, Beats.AamiMapping.ClassCount));
    }

    private static void SaveCheckpoint(string folder, nn.Module<Tensor, Tensor> network, AdamOptimizer optimizer, Dictionary<string, Tensor> best,
        NetworkDefinition definition, EcgBeats.Beats.BeatLayout layout, int classes, TrainingCheckpoint state)
    {
        // This epoch's files go beside the previous epoch's; the manifest, written last, switches from one to the other.
        var written = new Dictionary<string, string>
        {
            [TrainingCheckpoint.Weights] = TrainingCheckpoint.FileName(state.Epoch, TrainingCheckpoint.Weights),
            [TrainingCheckpoint.BestWeights] = TrainingCheckpoint.FileName(state.Epoch, TrainingCheckpoint.BestWeights),
            [TrainingCheckpoint.Optimizer] = TrainingCheckpoint.FileName(state.Epoch, TrainingCheckpoint.Optimizer),
        };
        TorchBeatClassifier.SaveWeights(network, Path.Combine(folder, written[TrainingCheckpoint.Weights]));
        using (var bestNetwork = definition.Create(layout, classes, state.Options.Inputs))
        {
            bestNetwork.load_state_dict(best);
            TorchBeatClassifier.SaveWeights(bestNetwork, Path.Combine(folder, written[TrainingCheckpoint.BestWeights]));
        }
        string optimizerPath = Path.Combine(folder, written[TrainingCheckpoint.Optimizer]);
        string optimizerTemp = Path.Combine(folder, "." + written[TrainingCheckpoint.Optimizer] + ".tmp");
        optimizer.Save(optimizerTemp);
        File.Move(optimizerTemp, optimizerPath, overwrite: true);
        state.Commit(folder, written);
    }

    /// <summary>Loads weights saved by <see cref="TorchBeatClassifier.SaveWeights"/>; a damaged file is named.</summary>
    private static void LoadWeights(nn.Module module, string path)
    {
        try { module.load(path); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidInputException($"{path}: not readable weights for this network ({e.Message}); delete {TrainingCheckpoint.StateFile} to start afresh", e);
        }
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().cpu().clone());

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var t in tensors.Values) t.Dispose();
    }

    /// <summary>The training in words; every option's value is in the card's <see cref="ModelCard.Options"/>.</summary>
    private static Dictionary<string, string> Hyperparameters(NetworkDefinition definition, TrainerOptions o, ValidationSplit split, bool flushed) => new()
    {
        ["architecture"] = definition.Architecture,
        ["optimizer"] = "Adam (learning-rate, weight-decay)",
        ["schedule"] = "linear warm-up over the first epoch, cosine decay to 1% of the learning rate",
        ["validation"] = split.Description,
        ["earlyStopping"] = $"validation macro-F1, patience {o.Patience}, best weights restored",
        ["flushDenormals"] = flushed.ToString(),
    };

    /// <summary>Linear warm-up over the first epoch, then cosine decay to 1% of the peak rate.</summary>
    private sealed class LearningRateSchedule(double peak, int batchesPerEpoch, int epochs)
    {
        private readonly int _warmup = Math.Max(1, batchesPerEpoch);
        private readonly int _total = Math.Max(batchesPerEpoch * epochs, batchesPerEpoch + 1);

        public double Rate(int step) => step < _warmup
            ? peak * (step + 1) / _warmup
            : peak * (0.01 + 0.99 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, (double)(step - _warmup) / (_total - _warmup)))));

        public void Apply(AdamOptimizer optimizer, int step)
        {
            optimizer.LearningRate = Rate(step);
        }
    }
}
