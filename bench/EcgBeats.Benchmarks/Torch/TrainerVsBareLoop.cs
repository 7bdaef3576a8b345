using System.Diagnostics;
using System.Globalization;
using EcgBeats.Datasets;
using EcgBeats.Representations;
using EcgBeats.Torch;
using EcgBeats.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;
using EcgBeats.Beats;
using EcgBeats.Models;
using EcgBeats.Torch.Runtime;

namespace EcgBeats.Benchmarks.Torch;

/// <summary>
/// The trainer against a bare TorchSharp step loop on the same batches (issue #16), in one process, 2 threads:
/// <c>dotnet run -c Release --project bench/EcgBeats.Benchmarks -- trainer-vs-bare [ann cnn lstm transformer]</c>.
/// With <c>--drift MODEL</c> it repeats one bare epoch ten times instead (how far this machine moves on identical work);
/// with <c>--inference MODEL...</c> it times inference in batches of 64 to 1,024 and checks the logits do not depend on it.
/// </summary>
/// <remarks>
/// Each network trains for 3 epochs over the same 8,192 beats (records 100-109 cut the Kaggle way) in batches of 128,
/// in the trainer's batch order. The bare loop does only zero_grad, forward, loss, backward, (the network's gradient
/// clipping) and step, on batches gathered before its clock starts. <c>Trainer.Train</c> does everything a run does:
/// gathering each batch, the learning-rate schedule, accuracy, validation on 1,446 more beats, a checkpoint per epoch,
/// saving the model. The two alternate, round after round (the order swapped each round), because this machine's
/// speed drifts by up to 2x within one process (other tenants; libgomp's spinning threads on 2 vCPUs): measuring all
/// of one and then all of the other, as BenchmarkDotNet does, compared the bare loop's fast minutes with the
/// trainer's slow ones. Printed: each round's ratio, and the median. A 1024 x 1024 matrix multiply on the same threads
/// gives the machine's peak for the FLOPs table in docs/benchmarks.md.
/// </remarks>
internal static class TrainerVsBareLoop
{
    private const int Epochs = 3, TrainBeats = 8192, ValidationBeats = 1446, Batch = 128, Seed = 42, Rounds = 5;

    public static void Run(string[] args)
    {
        string mode = args is [var first, ..] && first.StartsWith("--", StringComparison.Ordinal) ? first : "";
        string[] models = mode == "" ? args : args[1..];
        if (models.Length == 0) models = ["ann", "cnn", "lstm", "transformer"];
        TorchRuntime.Configure(2);
        var beats = DatasetBuilder.ExtractAll(BenchData.MitDb, ["100", "101", "103", "105", "106", "108", "109"], DatasetRecipe.Kaggle());
        var chosen = beats.Select(SeededRandom.Permutation(beats.Count, 1)[..(TrainBeats + ValidationBeats)]);
        var split = ValidationSplit.ByBeat(chosen, (double)ValidationBeats / chosen.Count, Seed);
        if (mode == "--drift") { Drift(Networks.Find(models[0])!, split); return; }
        if (mode == "--inference") { foreach (string model in models) InferenceBatches(Networks.Find(model)!, split.Validation); return; }
        Console.WriteLine($"peak: matmul 1024 x 1024 x 1024, fp32, 2 threads: {Peak():N1} GFLOP/s (median of 5)");
        Console.WriteLine("| network | bare loop, beats/s | trainer epochs, beats/s | trainer whole call, beats/s | ratio per round (epochs) | median ratio (epochs) | median ratio (whole call) |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|");
        foreach (string model in models)
        {
            var definition = Networks.Find(model) ?? throw new ArgumentException($"no network '{model}'");
            var options = definition.Defaults with { Epochs = Epochs, Patience = Epochs, Threads = 2, Seed = Seed, BatchSize = Batch };
            var (xs, ys) = Batches(split.Training);
            var bare = new List<double>();
            var epochs = new List<double>();
            var whole = new List<double>();
            for (int round = 0; round < Rounds; round++)
            {
                if (round % 2 == 0) { bare.Add(Bare(definition, options, xs, ys)); AddTrainer(); }
                else { AddTrainer(); bare.Add(Bare(definition, options, xs, ys)); }
            }
            foreach (var t in xs.Concat(ys)) t.Dispose();
            var ratios = bare.Zip(epochs, (b, e) => e / b).ToList();
            var wholeRatios = bare.Zip(whole, (b, w) => w / b).ToList();
            Console.WriteLine($"| {model} | {Median(bare):N0} | {Median(epochs):N0} | {Median(whole):N0} | {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} | {Median(ratios):0.00} | {Median(wholeRatios):0.00} |");

            void AddTrainer()
            {
                string folder = Path.Combine(Path.GetTempPath(), $"ecgbeats-trainer-vs-bare-{Environment.ProcessId}-{model}");
                if (Directory.Exists(folder)) Directory.Delete(folder, true);
                double epochSeconds = 0;
                var clock = Stopwatch.StartNew();
                // What a run does: checkpoints every epoch, then the model saved.
                using (var trained = Trainer.Train(definition, split, options, new TrainingContext
                       {
                           Source = "bench", CheckpointFolder = folder,
                           Progress = new Listener(p => { if (p.Completed is { } e) epochSeconds += e.Seconds; }),
                       }))
                    trained.Save(folder);
                whole.Add(Epochs * (double)TrainBeats / clock.Elapsed.TotalSeconds);
                epochs.Add(Epochs * (double)TrainBeats / epochSeconds);
                Directory.Delete(folder, true);
            }
        }
    }

    /// <summary>The same bare epoch (a fresh network from the same seed each time) ten times in one process.</summary>
    private static void Drift(NetworkDefinition definition, ValidationSplit split)
    {
        var options = definition.Defaults with { Epochs = Epochs, Threads = 2, Seed = Seed, BatchSize = Batch };
        var (xs, ys) = Batches(split.Training);
        int perEpoch = xs.Length / Epochs;
        for (int r = 0; r < 10; r++)
            Console.WriteLine($"{definition.Name} bare epoch, repeat {r}: {Bare(definition, options, xs[..perEpoch], ys[..perEpoch]) / Epochs:N0} beats/s");
        foreach (var t in xs.Concat(ys)) t.Dispose();
    }

    /// <summary>Inference beats/s by batch size (after one warm-up pass over all sizes), and whether 256 and 1,024 give equal logits.</summary>
    private static void InferenceBatches(NetworkDefinition definition, LabelledBeats beats)
    {
        torch.manual_seed(Seed);
        using var network = definition.Create(KaggleMitBihRepresentation.Layout, 5);
        network.eval();
        using var x = torch.tensor(beats.Values, [beats.Count, beats.ValuesPerBeat]);
        using var inference = torch.inference_mode();
        int[] sizes = [64, 128, 256, 512, 1024];
        var rates = new List<string>();
        for (int pass = 0; pass < 2; pass++)
            foreach (int size in sizes)
            {
                var clock = Stopwatch.StartNew();
                for (int rep = 0; rep < 3; rep++)
                    for (int start = 0; start < beats.Count; start += size)
                    {
                        using var scope = torch.NewDisposeScope();
                        network.forward(x.narrow(0, start, Math.Min(size, beats.Count - start))).argmax(1).data<long>().ToArray();
                    }
                if (pass == 1) rates.Add($"{size}: {3 * beats.Count / clock.Elapsed.TotalSeconds:N0}");
            }
        using var whole = network.forward(x.narrow(0, 0, 1024));
        var parts = Enumerable.Range(0, 4).Select(k => network.forward(x.narrow(0, k * 256, 256))).ToArray();
        using var joined = torch.cat(parts, 0);
        foreach (var p in parts) p.Dispose();
        Console.WriteLine($"{definition.Name} inference beats/s by batch: {string.Join(", ", rates)}; largest logit difference, 4 x 256 against 1 x 1,024: {(whole - joined).abs().max().item<float>()}");
    }

    /// <summary>Each epoch's batches in the trainer's order (seed + epoch), gathered before any clock starts.</summary>
    private static (Tensor[] X, Tensor[] Y) Batches(LabelledBeats train)
    {
        using var x = torch.tensor(train.Values, [train.Count, train.ValuesPerBeat]);
        using var y = torch.tensor(train.Labels.Select(l => (long)l).ToArray());
        var xs = new List<Tensor>();
        var ys = new List<Tensor>();
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            int[] order = SeededRandom.Permutation(train.Count, Seed + epoch);
            for (int start = 0; start < train.Count; start += Batch)
            {
                using var index = torch.tensor(order[start..Math.Min(train.Count, start + Batch)].Select(i => (long)i).ToArray());
                xs.Add(x.index_select(0, index));
                ys.Add(y.index_select(0, index));
            }
        }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>The bare loop's training beats per second.</summary>
    private static double Bare(NetworkDefinition definition, TrainerOptions options, Tensor[] xs, Tensor[] ys)
    {
        torch.manual_seed(Seed);
        using var network = definition.Create(KaggleMitBihRepresentation.Layout, 5);
        using var optimizer = torch.optim.Adam(network.parameters(), options.LearningRate);
        network.train();
        var clock = Stopwatch.StartNew();
        for (int b = 0; b < xs.Length; b++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(network.forward(xs[b]), ys[b]);
            loss.backward();
            if (options.ClipGradientNorm is { } clip) nn.utils.clip_grad_norm_(network.parameters(), clip);
            optimizer.step();
            loss.item<float>();
        }
        return Epochs * (double)TrainBeats / clock.Elapsed.TotalSeconds;
    }

    private static double Peak()
    {
        using var a = torch.randn(1024, 1024);
        using var b = torch.randn(1024, 1024);
        var rates = new List<double>();
        for (int i = 0; i < 6; i++)
        {
            var clock = Stopwatch.StartNew();
            for (int k = 0; k < 8; k++) using (var c = torch.mm(a, b)) c[0, 0].item<float>();
            if (i > 0) rates.Add(8 * 2.0 * 1024 * 1024 * 1024 / clock.Elapsed.TotalSeconds / 1e9);
        }
        return Median(rates);
    }

    private static double Median(IReadOnlyCollection<double> values) => values.Order().ElementAt(values.Count / 2);

    private sealed class Listener(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
