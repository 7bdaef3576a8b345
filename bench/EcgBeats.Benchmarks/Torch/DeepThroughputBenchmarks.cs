using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EcgBeats.Datasets;
using EcgBeats.Representations;
using EcgBeats.Torch;
using TorchSharp;
using static TorchSharp.torch;
using EcgBeats.Torch.Training;
using EcgBeats.Torch.Runtime;

namespace EcgBeats.Benchmarks.Torch;

/// <summary>
/// Training (batch 128) and inference (batch 1024) throughput of the four networks, 2 threads,
/// on real beats (records 100-109 cut the Kaggle way). The column "beats/s" is what matters; the
/// ratio is against the dense network in the same run.
/// </summary>
[Config(typeof(Columns))]
public class DeepThroughputBenchmarks
{
    private const int TrainBatches = 16, TrainBatch = 128, InferBatch = 1024, InferBatches = 4;

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            // In process: the native libraries are already where the build put (and patched) them.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new ThroughputColumn("beats/s", c => c.Descriptor.WorkloadMethod.Name.StartsWith("Train") ? TrainBatches * TrainBatch : InferBatches * InferBatch, perSecondOnly: true));
        }
    }

    [Params("ann", "cnn", "lstm", "transformer")]
    public string Model { get; set; } = "ann";

    private nn.Module<Tensor, Tensor> _network = null!;
    private torch.optim.Optimizer _optimizer = null!;
    private Tensor _x = null!, _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Configure(2);
        var beats = DatasetBuilder.ExtractAll(BenchData.MitDb, ["100", "101", "103", "105", "106", "108", "109"], DatasetRecipe.Kaggle());
        int n = TrainBatches * TrainBatch;
        int[] pick = SeededRandom.Permutation(beats.Count, 1)[..Math.Max(n, InferBatch)];
        var chosen = beats.Select(pick);
        _x = torch.tensor(chosen.Values, [chosen.Count, chosen.ValuesPerBeat]);
        _y = torch.tensor(chosen.Labels.Select(l => (long)l).ToArray());
        torch.manual_seed(1);
        _network = Networks.Find(Model)!.Create(KaggleMitBihRepresentation.Layout);
        _optimizer = torch.optim.Adam(_network.parameters(), 1e-3);
    }

    [Benchmark(Baseline = true, Description = "train, batch 128")]
    public float Train()
    {
        _network.train();
        float last = 0;
        for (int b = 0; b < TrainBatches; b++)
        {
            using var scope = torch.NewDisposeScope();
            var xb = _x.narrow(0, b * TrainBatch, TrainBatch);
            var yb = _y.narrow(0, b * TrainBatch, TrainBatch);
            _optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_network.forward(xb), yb);
            loss.backward();
            _optimizer.step();
            last = loss.item<float>();
        }
        return last;
    }

    [Benchmark(Description = "inference, batch 1024")]
    public float Infer()
    {
        _network.eval();
        using var inference = torch.inference_mode();
        float sum = 0;
        for (int b = 0; b < InferBatches; b++)
        {
            using var scope = torch.NewDisposeScope();
            sum += nn.functional.softmax(_network.forward(_x.narrow(0, 0, InferBatch)), 1)[0, 0].item<float>();
        }
        return sum;
    }
}
