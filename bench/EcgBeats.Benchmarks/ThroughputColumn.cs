using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EcgBeats.Benchmarks;

/// <summary>A column "MB/s": bytes processed per benchmark invocation divided by its mean time (MB = 10^6 bytes).</summary>
internal sealed class ThroughputColumn(string header, Func<BenchmarkCase, double> bytesPerOperation) : IColumn
{
    public string Id => "Throughput." + header;
    public string ColumnName => header;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megabytes (10^6) of input processed per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats) return "-";
        double seconds = stats.Mean / 1e9;
        return (bytesPerOperation(benchmarkCase) / 1e6 / seconds).ToString("N0");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
