using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EcgBeats.Datasets;
using EcgBeats.Torch;
using EcgBeats.Torch.Architectures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using EcgBeats.Torch.Runtime;

namespace EcgBeats.Benchmarks.Torch;

/// <summary>
/// Why the LSTM has a strided convolution in front, and what flushing denormals does: training
/// throughput (batch 128, 2 threads) of a plain 2-layer LSTM over all 187 samples (the baseline)
/// against <see cref="LstmNetwork"/> (46 steps), each with denormals flushed or not. The networks
/// are first trained for 200 batches, so that their gates saturate as in real training.
/// </summary>
[Config(typeof(Columns))]
public class LstmDesignBenchmarks
{
    private const int Batches = 8, Batch = 128;

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new ThroughputColumn("beats/s", _ => Batches * Batch, perSecondOnly: true));
        }
    }

    [Params(false, true)]
    public bool FlushDenormals { get; set; }

    private Tensor _x = null!, _y = null!;
    private nn.Module<Tensor, Tensor> _plain = null!, _strided = null!;
    private torch.optim.Optimizer _plainOptimizer = null!, _stridedOptimizer = null!;

    /// <summary>A 2-layer LSTM (hidden 64) over the raw 187 samples, then the same head as LstmNetwork.</summary>
    private sealed class PlainLstm : nn.Module<Tensor, Tensor>
    {
        private readonly LSTM _lstm = nn.LSTM(1, 64, numLayers: 2, batchFirst: true);
        private readonly Sequential _head = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 5));

        public PlainLstm() : base(nameof(PlainLstm)) => RegisterComponents();

        public override Tensor forward(Tensor beats)
        {
            var (output, h, c) = _lstm.forward(beats.unsqueeze(2));
            using (output) using (c) using (h) return _head.forward(h[-1]);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Configure(2);
        TorchRuntime.SetFlushDenormals(FlushDenormals);
        var beats = DatasetBuilder.ExtractAll(BenchData.MitDb, ["100", "106", "119", "200", "208"], DatasetRecipe.Kaggle());
        var chosen = beats.Select(SeededRandom.Permutation(beats.Count, 1)[..(Batches * Batch * 4)]);
        _x = torch.tensor(chosen.Values, [chosen.Count, chosen.ValuesPerBeat]);
        _y = torch.tensor(chosen.Labels.Select(l => (long)l).ToArray());
        torch.manual_seed(1);
        (_plain, _plainOptimizer) = Make(new PlainLstm());
        (_strided, _stridedOptimizer) = Make(new LstmNetwork());
        for (int i = 0; i < 25; i++) { Run(_plain, _plainOptimizer); Run(_strided, _stridedOptimizer); }
    }

    private static (nn.Module<Tensor, Tensor>, torch.optim.Optimizer) Make(nn.Module<Tensor, Tensor> network) =>
        (network, torch.optim.Adam(network.parameters(), 2e-3));

    private float Run(nn.Module<Tensor, Tensor> network, torch.optim.Optimizer optimizer)
    {
        network.train();
        float last = 0;
        for (int b = 0; b < Batches; b++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(network.forward(_x.narrow(0, b * Batch, Batch)), _y.narrow(0, b * Batch, Batch));
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
        }
        return last;
    }

    [Benchmark(Baseline = true, Description = "LSTM over 187 samples")]
    public float Plain() => Run(_plain, _plainOptimizer);

    [Benchmark(Description = "LstmNetwork: strided conv, 46 steps")]
    public float Strided() => Run(_strided, _stridedOptimizer);
}
