using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EcgBeats.Datasets;

namespace EcgBeats.Benchmarks.Datasets;

/// <summary>
/// Reading a Kaggle-size training file (the rebuilt mitbih_train.csv: 87,556 rows x 188 numbers,
/// about 412 MB), against the straightforward reader measured in the same run.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class KaggleCsvReadBenchmarks
{
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        string folder = Path.Combine(Path.GetTempPath(), "ecgbeats-bench-kaggle");
        _file = Path.Combine(folder, "mitbih_train.csv");
        if (File.Exists(_file)) return;
        var built = DatasetBuilder.Build(BenchData.MitDb, DatasetRecipe.Kaggle());
        DatasetWriter.Write(folder, built);
    }

    /// <summary>The baseline: ReadLines, string.Split, double.Parse per value.</summary>
    [Benchmark(Baseline = true, Description = "ReadLines + Split + double.Parse (baseline)")]
    public int Straightforward()
    {
        var values = new List<float>();
        var labels = new List<int>();
        foreach (string line in File.ReadLines(_file))
        {
            string[] fields = line.Split(',');
            for (int k = 0; k < 187; k++) values.Add((float)double.Parse(fields[k], CultureInfo.InvariantCulture));
            labels.Add((int)double.Parse(fields[187], CultureInfo.InvariantCulture));
        }
        return labels.Count;
    }

    [Benchmark(Description = "KaggleCsv.Read (strict, parallel)")]
    public int Read() => KaggleCsv.Read(_file).Count;
}
