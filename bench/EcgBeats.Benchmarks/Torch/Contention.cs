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
/// [--threads 1,2] [--rounds 3] [ann cnn lstm transformer]</c>. Each network trains 2 epochs on the same 4,096 beats
/// (records 100-109 cut the Kaggle way), each training a process of its own, as a second training or an annotate shard
/// on the same node is. Per network and thread count, alternating round by round:
/// alone; beside a busy process (one thread spinning, what a browser tab or a compile gives a laptop); and two such
/// trainings started at once, against the same two one after the other. Printed: each condition's training speed
/// (beats/s, from the trainer's own epoch times) and wall time, and the ratios #26 asks for.
/// </summary>
internal static class Contention
{
    private const int TrainBeats = 4096, ValidationBeats = 512, Epochs = 2, Seed = 42;

    public static void Run(string[] args)
    {
        if (args is ["--worker", var network, var threadCount, var file]) { Worker(network, int.Parse(threadCount, CultureInfo.InvariantCulture), file); return; }
        if (args is ["--busy"]) { Busy(); return; }
        int[] threadCounts = [1, 2];
        int rounds = 3;
        var models = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--threads") threadCounts = args[++i].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            else if (args[i] == "--rounds") rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else models.Add(args[i]);
        }
        if (models.Count == 0) models = ["ann", "cnn", "lstm", "transformer"];

        string data = Path.Combine(Path.GetTempPath(), $"ecgbeats-contention-{Environment.ProcessId}.parquet");
        var beats = DatasetBuilder.ExtractAll(BenchData.MitDb, ["100", "101", "103", "105", "106", "108", "109"], DatasetRecipe.Kaggle());
        BeatParquet.Write(data, beats.Select(SeededRandom.Permutation(beats.Count, 1)[..(TrainBeats + ValidationBeats)]));
        try
        {
            Console.WriteLine($"{Environment.ProcessorCount} cores; {TrainBeats:N0} beats x {Epochs} epochs per training; {rounds} rounds, conditions alternating");
            Console.WriteLine("| network | threads | alone, beats/s | beside a busy process, beats/s (share of alone) | two at once, wall s | one after the other, wall s | two at once / one after the other |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (string model in models)
                foreach (int threads in threadCounts)
                {
                    var alone = new List<double>();
                    var busy = new List<double>();
                    var together = new List<double>();
                    var sequential = new List<double>();
                    for (int round = 0; round < rounds; round++)
                    {
                        // The order turns each round: the machine's own drift then falls on every condition alike.
                        var conditions = new Action[]
                        {
                            () => { var (speed, wall) = Train(model, threads, data, 1)[0]; alone.Add(speed); sequential.Add(wall); var second = Train(model, threads, data, 1)[0]; alone.Add(second.Speed); sequential[^1] += second.Wall; },
                            () => { using var hog = Start("--busy"); Thread.Sleep(300); busy.Add(Train(model, threads, data, 1)[0].Speed); hog.Kill(); hog.WaitForExit(); },
                            () => { var runs = Train(model, threads, data, 2); together.Add(runs.Max(r => r.Wall)); },
                        };
                        for (int c = 0; c < conditions.Length; c++) conditions[(c + round) % conditions.Length]();
                    }
                    double a = Median(alone), b = Median(busy), t = Median(together), s = Median(sequential);
                    Console.WriteLine($"| {model} | {threads} | {a:N0} | {b:N0} ({b / a:P0}) | {t:0.0} | {s:0.0} | {t / s:0.00} |");
                }
        }
        finally
        {
            File.Delete(data);
        }
    }

    /// <summary><paramref name="count"/> trainings started at once; each one's speed (beats/s in its epochs) and wall time (s, process start to end).</summary>
    private static List<(double Speed, double Wall)> Train(string model, int threads, string data, int count)
    {
        var clock = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, count).Select(_ => Start("--worker", model, threads.ToString(CultureInfo.InvariantCulture), data)).ToList();
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

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

    /// <summary>One thread that never rests, until killed.</summary>
    private static void Busy()
    {
        double x = 1;
        while (true) x = Math.Sqrt(x + 1);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
