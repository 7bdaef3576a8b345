using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Metrics;

/// <summary>
/// Our beat-by-beat comparison against WFDB 10.7's own bxb and sumstats, on all 48 MIT-BIH records and two synthetic test
/// annotators (<see cref="SyntheticTestAnnotator"/>): every report is compared character for character with the one the
/// WFDB tools wrote (tests/Fixtures/bxb/, made by tests/Fixtures/bxb/make-goldens.sh; WFDB is not needed to run this).
/// </summary>
public sealed class BxbAgreementTests
{
    public static TheoryData<string, double> Comparisons() => new()
    {
        { "tsa", 300 }, // EC57: from minute 5
        { "tsb", 300 },
        { "tsa", 0 },   // whole records (bxb -f 0)
    };

    /// <summary>The test annotations exactly as bxb read them: written to bytes and read back.</summary>
    private static List<Annotation> TestAnnotations(string dir, string record, string annotator)
    {
        var (name, seed, relabel, drop, extra, jitter) = SyntheticTestAnnotator.Annotators.Single(a => a.Name == annotator);
        var header = RecordReader.ReadHeader(Path.Combine(dir, record));
        var reference = AnnotationReader.ReadFile(Path.Combine(dir, record + ".atr"));
        var made = SyntheticTestAnnotator.Make(reference, header.SampleCount!.Value, seed + int.Parse(record), relabel, drop, extra, jitter);
        return AnnotationReader.Parse(AnnotationWriter.Encode(made), $"{record}.{name}").ToList();
    }

    private static List<BeatComparison> CompareAll(string dir, string annotator, double start) =>
        TestData.MitBihRecords.AsParallel().AsOrdered().Select(record =>
        {
            var header = RecordReader.ReadHeader(Path.Combine(dir, record));
            var reference = AnnotationReader.ReadFile(Path.Combine(dir, record + ".atr"));
            return BeatByBeatComparator.Compare(record, reference, TestAnnotations(dir, record, annotator), header.SamplingFrequency,
                new BeatComparisonOptions(StartSeconds: start), header.SampleCount);
        }).ToList();

    private static string Golden(string annotator, double start, string report) =>
        File.ReadAllText(TestData.Fixture("bxb", $"{annotator}{(start == 0 ? "-f0" : "")}.{report}.txt"));

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void EveryMatrixCellAndStatisticOfEveryRecordIsBxbs(string annotator, double start)
    {
        string dir = TestData.RequireMitDb();
        var comparisons = CompareAll(dir, annotator, start);
        AssertSameText(Golden(annotator, start, "standard"), string.Concat(comparisons.Select(c => BxbReport.Standard(c, "atr", annotator))));
        AssertSameText(Golden(annotator, start, "standard-shutdown"), string.Concat(comparisons.Select(BxbReport.StandardShutdown)));
    }

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void TheLineReportsAndTheirGrossAndAverageAreBxbsAndSumstats(string annotator, double start)
    {
        string dir = TestData.RequireMitDb();
        var comparisons = CompareAll(dir, annotator, start);
        AssertSameText(Golden(annotator, start, "lines"), BxbReport.LineHeader + string.Concat(comparisons.Select(BxbReport.Line)));
        AssertSameText(Golden(annotator, start, "lines-shutdown"), BxbReport.ShutdownHeader + string.Concat(comparisons.Select(BxbReport.ShutdownLine)));
        AssertSameText(Golden(annotator, start, "sumstats"), new Sumstats(comparisons).Format());
    }

    /// <summary>Writes the synthetic annotators' files beside copies of the headers and reference annotations, for make-goldens.sh.</summary>
    [Fact]
    public void WriteTheInputsOfTheGoldenReportsWhenAsked()
    {
        string? target = Environment.GetEnvironmentVariable("ECGBEATS_WRITE_BXB_INPUTS");
        Assert.SkipWhen(target is null, "ECGBEATS_WRITE_BXB_INPUTS is not set: only tests/Fixtures/bxb/make-goldens.sh needs these files");
        string dir = TestData.RequireMitDb();
        Directory.CreateDirectory(target!);
        foreach (string record in TestData.MitBihRecords)
        {
            File.Copy(Path.Combine(dir, record + ".hea"), Path.Combine(target!, record + ".hea"), overwrite: true);
            File.Copy(Path.Combine(dir, record + ".atr"), Path.Combine(target!, record + ".atr"), overwrite: true);
            foreach (var (name, _, _, _, _, _) in SyntheticTestAnnotator.Annotators)
                AnnotationWriter.WriteFile(Path.Combine(target!, $"{record}.{name}"), TestAnnotations(dir, record, name));
        }
    }

    /// <summary>Equal texts, or the first line that differs.</summary>
    private static void AssertSameText(string expected, string actual)
    {
        if (expected == actual) return;
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        int line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(i => i >= e.Length || i >= a.Length || e[i] != a[i]);
        Assert.Fail($"line {line + 1} differs:\n  bxb:  '{(line < e.Length ? e[line] : "<end>")}'\n  ours: '{(line < a.Length ? a[line] : "<end>")}'");
    }
}
