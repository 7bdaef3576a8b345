using System.Diagnostics;
using System.Globalization;
using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Models;
using EcgBeats.Torch.Runtime;
using EcgBeats.Torch.Training;

namespace EcgBeats.Benchmarks.Torch;

/// <summary>
/// Training beside other work (issue #26): <c>dotnet run -c Release --project bench/EcgBeats.Benchmarks -- contention
/// [--threads 1,2] [--rounds 3] [--spin 300000,3000] [--busy sqrt|fma|int] [ann cnn lstm transformer]</c>. Each network trains 2 epochs on the same 4,096 beats
/// (records 100-109 cut the Kaggle way), each training a process of its own, as a second training or an annotate shard
/// on the same node is. Per network and thread count, alternating round by round:
/// alone; beside a busy process (one thread spinning, what a browser tab or a compile gives a laptop); and two such
/// trainings started at once, against the same two one after the other. Printed: each condition's training speed
/// (beats/s, from the trainer's own epoch times) and wall time, and the ratios #26 asks for. <c>--spin</c> runs every
/// condition once per libgomp spin count (<c>GOMP_SPINCOUNT</c> in every process; 300000 is libgomp's own default, 0
/// sleeps at once), alternating within each round; without it the processes run with the project's default
/// (<see cref="OpenMpWaiting"/>).
/// </summary>
internal static class Contention
{
    private const int TrainBeats = 4096, ValidationBeats = 512, Epochs = 2, Seed = 42;

    public static void Run(string[] args)
    {
        if (args is ["--worker", var network, var threadCount, var file]) { Worker(network, int.Parse(threadCount, CultureInfo.InvariantCulture), file); return; }
        if (args is ["--busy", var kind]) { Busy(kind); return; }
        int[] threadCounts = [1, 2];
        int rounds = 3;
        string?[] spins = [null];
        string busyKind = "sqrt";
        var models = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--threads") threadCounts = args[++i].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            else if (args[i] == "--rounds") rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--spin") spins = args[++i].Split(',');
            else if (args[i] == "--busy") busyKind = args[++i];
            else models.Add(args[i]);
        }
        if (models.Count == 0) models = ["ann", "cnn", "lstm", "transformer"];

        string data = Path.Combine(Path.GetTempPath(), $"ecgbeats-contention-{Environment.ProcessId}.parquet");
        var beats = DatasetBuilder.ExtractAll(BenchData.MitDb, ["100", "101", "103", "105", "106", "108", "109"], DatasetRecipe.Kaggle());
        BeatParquet.Write(data, beats.Select(SeededRandom.Permutation(beats.Count, 1)[..(TrainBeats + ValidationBeats)]));
        try
        {
            Console.WriteLine($"{Environment.ProcessorCount} cores; {TrainBeats:N0} beats x {Epochs} epochs per training; {rounds} rounds, conditions alternating");
            Console.WriteLine($"GOMP_SPINCOUNT: {string.Join(", ", spins.Select(s => s ?? $"the project's default ({OpenMpWaiting.SpinCount})"))}");
            Console.WriteLine("| network | threads | spin | alone, beats/s | beside a busy process, beats/s (share of alone) | two at once, wall s | one after the other, wall s | two at once / one after the other |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (string model in models)
                foreach (int threads in threadCounts)
                {
                    var alone = spins.Select(_ => new List<double>()).ToArray();
                    var busy = spins.Select(_ => new List<double>()).ToArray();
                    var together = spins.Select(_ => new List<double>()).ToArray();
                    var sequential = spins.Select(_ => new List<double>()).ToArray();
                    for (int round = 0; round < rounds; round++)
                        for (int w = 0; w < spins.Length; w++)
                        {
                            string? spin = spins[w];
                            int k = w;
                            // The order turns each round: the machine's own drift then falls on every condition alike.
                            var conditions = new Action[]
                            {
                                () => { var (speed, wall) = Train(model, threads, data, 1, spin)[0]; alone[k].Add(speed); sequential[k].Add(wall); var second = Train(model, threads, data, 1, spin)[0]; alone[k].Add(second.Speed); sequential[k][^1] += second.Wall; },
                                () => { using var hog = Start(null, "--busy", busyKind); Thread.Sleep(300); busy[k].Add(Train(model, threads, data, 1, spin)[0].Speed); hog.Kill(); hog.WaitForExit(); },
                                () => { var runs = Train(model, threads, data, 2, spin); together[k].Add(runs.Max(r => r.Wall)); },
                            };
                            for (int c = 0; c < conditions.Length; c++) conditions[(c + round) % conditions.Length]();
                        }
                    for (int w = 0; w < spins.Length; w++)
                    {
                        double a = Median(alone[w]), b = Median(busy[w]), t = Median(together[w]), s = Median(sequential[w]);
                        Console.WriteLine($"| {model} | {threads} | {spins[w] ?? "default"} | {a:N0} | {b:N0} ({b / a:P0}) | {t:0.0} | {s:0.0} | {t / s:0.00} |");
                    }
                }
        }
        finally
        {
            File.Delete(data);
        }
    }

    /// <summary><paramref name="count"/> trainings started at once; each one's speed (beats/s in its epochs) and wall time (s, process start to end).</summary>
    private static List<(double Speed, double Wall)> Train(string model, int threads, string data, int count, string? spin)
    {
        var clock = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, count).Select(_ => Start(spin, "--worker", model, threads.ToString(CultureInfo.InvariantCulture), data)).ToList();
        var results = new List<(double, double)>();
        foreach (var p in processes)
        {
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            double wall = clock.Elapsed.TotalSeconds;
            if (p.ExitCode != 0) throw new InvalidOperationException($"worker failed: {output}{p.StandardError.ReadToEnd()}");
            results.Add((double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture), wall));
            p.Dispose();
        }
        return results;
    }

    /// <summary>This program in a process of its own; <paramref name="spin"/>: its <c>GOMP_SPINCOUNT</c>, or null for the project's default.</summary>
    private static Process Start(string? spin, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment.Remove("GOMP_SPINCOUNT"); // this process's module initializer put the default there
        if (spin is not null) start.Environment["GOMP_SPINCOUNT"] = spin;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(Contention).Assembly.Location);
        start.ArgumentList.Add("contention");
        foreach (string a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>One training, as a run trains it (with its checkpoints); prints its speed in its epochs, beats/s.</summary>
    private static void Worker(string model, int threads, string data)
    {
        var definition = Networks.Find(model) ?? throw new ArgumentException($"no network '{model}'");
        var beats = BeatParquet.Read(data, out _); // Parquet carries the recipe the trainer needs
        var split = ValidationSplit.ByBeat(beats, (double)ValidationBeats / beats.Count, Seed);
        var options = definition.Defaults with { Epochs = Epochs, Patience = Epochs, Threads = threads, Seed = Seed };
        double seconds = 0;
        string folder = Path.Combine(Path.GetTempPath(), $"ecgbeats-contention-{Environment.ProcessId}");
        using (var trained = Trainer.Train(definition, split, options, new TrainingContext
               {
                   Source = data, CheckpointFolder = folder,
                   Progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Completed is { } e) seconds += e.Seconds; }),
               }))
        { }
        Directory.Delete(folder, true);
        Console.WriteLine((Epochs * split.Training.Count / seconds).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// One thread that never rests, until killed: <c>sqrt</c> (the table's, a chain of square roots: the floating-point
    /// divide/square-root unit), <c>fma</c> (multiply-adds, no division) or <c>int</c> (integer arithmetic).
    /// </summary>
    private static void Busy(string kind)
    {
        switch (kind)
        {
            case "sqrt": { double x = 1; while (true) x = Math.Sqrt(x + 1); }
            case "fma": { double a = 1, b = 1, c = 1, d = 1; while (true) { a = Math.FusedMultiplyAdd(a, 0.999999, 1e-6); b = Math.FusedMultiplyAdd(b, 0.999999, 1e-6); c = Math.FusedMultiplyAdd(c, 0.999999, 1e-6); d = Math.FusedMultiplyAdd(d, 0.999999, 1e-6 + a * 0 + b * 0 + c * 0); } }
            case "int": { ulong x = 1; while (true) x = x * 6364136223846793005UL + 1442695040888963407UL; }
            default: throw new ArgumentException($"--busy {kind}: expected sqrt, fma or int");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
