using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EcgBeats.Benchmarks;

/// <summary>
/// A throughput column: units processed per benchmark invocation divided by its mean time, in
/// millions per second (MB/s for bytes) or, with <c>perSecondOnly</c>, in units per second (beats/s).
/// </summary>
internal sealed class ThroughputColumn(string header, Func<BenchmarkCase, double> unitsPerOperation, bool perSecondOnly = false) : IColumn
{
    public string Id => "Throughput." + header;
    public string ColumnName => header;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => perSecondOnly ? "Units (beats) processed per second" : "Megabytes (10^6) of input processed per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats) return "-";
        double seconds = stats.Mean / 1e9;
        double perSecond = unitsPerOperation(benchmarkCase) / seconds;
        return (perSecondOnly ? perSecond : perSecond / 1e6).ToString("N0");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
