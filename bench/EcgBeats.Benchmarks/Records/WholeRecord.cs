using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EcgBeats.Benchmarks.Records;

/// <summary>
/// The record the whole-record benchmarks annotate (MIT-BIH 203: 30 min 6 s, the most beats of any record) and their
/// shared configuration: in process, 2 warm-ups, 10 measured runs, and "x real time" (the record's length over the
/// time taken).
/// </summary>
internal static class WholeRecord
{
    public const string Name = "203";

    /// <summary>Length of record 203: 650,000 samples at 360 Hz.</summary>
    public const double Seconds = 650_000 / 360.0;

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new ThroughputColumn("x real time", _ => Seconds, perSecondOnly: true));
        }
    }
}
