using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EcgBeats.Datasets;
using EcgBeats.Wfdb;

namespace EcgBeats.Benchmarks.Datasets;

/// <summary>
/// Building the datasets from the 48 raw records, against reading the records alone (the least
/// any build must do), measured in the same run.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class DatasetBuildBenchmarks
{
    private string _dir = "";
    private string _out = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = BenchData.MitDb;
        _out = Path.Combine(Path.GetTempPath(), "ecgbeats-bench-build");
    }

    [Benchmark(Baseline = true, Description = "read the 48 records' signals and annotations (baseline)")]
    public long ReadRecords()
    {
        long sum = 0;
        foreach (string record in BenchData.Records(_dir))
        {
            sum += RecordReader.Read(Path.Combine(_dir, record)).Length;
            sum += AnnotationReader.ReadFile(Path.Combine(_dir, record + ".atr")).Count;
        }
        return sum;
    }

    [Benchmark(Description = "build both splits in memory (intra + inter)")]
    public int BuildBothSplits() =>
        DatasetBuilder.Build(_dir, DatasetRecipe.Kaggle(SplitKind.Intra)).Train.Count +
        DatasetBuilder.Build(_dir, DatasetRecipe.Kaggle(SplitKind.Inter)).Train.Count;

    [Benchmark(Description = "build both splits and write their files (build-dataset x2)")]
    public int BuildAndWriteBothSplits()
    {
        var intra = DatasetBuilder.Build(_dir, DatasetRecipe.Kaggle(SplitKind.Intra));
        DatasetWriter.Write(Path.Combine(_out, "intra"), intra);
        var inter = DatasetBuilder.Build(_dir, DatasetRecipe.Kaggle(SplitKind.Inter));
        DatasetWriter.Write(Path.Combine(_out, "inter"), inter);
        return intra.Train.Count + inter.Train.Count;
    }
}
