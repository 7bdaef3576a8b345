using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Metrics;

/// <summary>The EC57 beat-by-beat comparison against hand-worked cases and the reference annotations themselves.</summary>
public sealed class BeatByBeatComparatorTests
{
    private const int N = 0, S = 1, V = 2, F = 3, O = BeatComparison.Unmatched;

    /// <summary>Annotations from "symbol@sample" strings.</summary>
    private static List<Annotation> Ann(params string[] items) =>
        items.Select(i => i.Split('@')).Select(p => new Annotation(long.Parse(p[1]), AnnotationCodes.Code(p[0]))).ToList();

    // 100 Hz, so the 150 ms window is 15 samples; compare from the start; records of 100 s.
    private static BeatComparison Compare(List<Annotation> reference, List<Annotation> test, double window = 0.15, double start = 0) =>
        BeatByBeatComparator.Compare("r", reference, test, 100, new BeatComparisonOptions(window, start), recordLength: 10_000);

    [Fact]
    public void HandWorkedRecordGivesTheExpectedMatrixAndStatistics()
    {
        var reference = Ann("N@100", "V@200", "N@300", "A@400", "F@500");
        // 105: N found; 210: the V called n; 250: an extra v (40 and 50 samples from the nearest beats);
        // 302: an N called s; the S at 400 missed; 500: the F found.
        var test = Ann("N@105", "N@210", "V@250", "S@302", "F@500");

        var c = Compare(reference, test);

        Assert.Equal(1, c[N, N]);
        Assert.Equal(1, c[V, N]);
        Assert.Equal(1, c[O, V]);
        Assert.Equal(1, c[N, S]);
        Assert.Equal(1, c[S, O]);
        Assert.Equal(1, c[F, F]);
        Assert.Equal(6, c.ToRows().SelectMany(r => r).Sum());
        Assert.Equal(80.0, c.QrsSensitivity);            // 4 of 5 reference beats found
        Assert.Equal(80.0, c.QrsPositivePredictivity);   // 4 of 5 test beats real
        Assert.Equal(0.0, c.VebSensitivity);              // the V was called n
        Assert.Equal(0.0, c.VebPositivePredictivity);     // the only v is extra
        Assert.Equal(25.0, c.VebFalsePositiveRate);       // FP 1 / (FP 1 + TN 3: Nn, Ns, Ff)
        Assert.Equal(0.0, c.SvebSensitivity);             // the S was missed
        Assert.Equal(0.0, c.SvebPositivePredictivity);    // the only s is an N
    }

    [Fact]
    public void FusionOrUnknownReferenceBeatsLabelledVAreNotFalsePositives()
    {
        var c = Compare(Ann("F@100", "Q@300"), Ann("V@100", "V@300"));
        Assert.Equal(0, c.VebFalsePositives);
        Assert.Null(c.VebPositivePredictivity); // no true and no false positives: undefined, not 0 or 100
        Assert.Null(c.VebSensitivity);          // no V in the reference
        Assert.Equal(100.0, c.QrsSensitivity);
    }

    [Fact]
    public void BeatsOutsideTheWindowAreMissedAndExtra()
    {
        var c = Compare(Ann("N@100"), Ann("N@116"));
        Assert.Equal(1, c[N, O]);
        Assert.Equal(1, c[O, N]);
        var inside = Compare(Ann("N@100"), Ann("N@115"));
        Assert.Equal(1, inside[N, N]);
    }

    [Fact]
    public void CloseBeatPairsMatchAsTheRefinedRuleSays()
    {
        // bxb's documented example (window 37 samples): ref 96, 160; test 128, 185. The test beat at 128 is as
        // far from both reference beats, but 185 matches 160 better, so 128 pairs with 96: no miss, no extra.
        var c = BeatByBeatComparator.Compare("r", Ann("N@96", "N@160"), Ann("N@128", "N@185"), 1000, new BeatComparisonOptions(0.037, 0));
        Assert.Equal(2, c[N, N]);
        Assert.Equal(0, c.QrsFalseNegatives);
        Assert.Equal(0, c.QrsFalsePositives);
    }

    [Fact]
    public void TheFirstFiveMinutesAreLeftOutByDefault()
    {
        // 300 s at 100 Hz is sample 30,000. A test beat 10 ms before the start still matches the first beat after it.
        var reference = Ann("N@100", "V@29990", "N@30005", "N@30100");
        var test = Ann("V@200", "N@29995", "N@30100");
        var c = BeatByBeatComparator.Compare("r", reference, test, 100);
        Assert.Equal(2, c[N, N]);
        Assert.Equal(2, c.ToRows().SelectMany(r => r).Sum());
        var whole = BeatByBeatComparator.Compare("r", reference, test, 100, new BeatComparisonOptions(StartSeconds: 0));
        // Whole record: 100 missed, 200 extra, the V at 29,990 takes the test beat at 29,995, so 30,005 is missed.
        Assert.Equal(2, whole[N, O]);
        Assert.Equal(1, whole[O, V]);
        Assert.Equal(1, whole[V, N]);
        Assert.Equal(1, whole[N, N]);
    }

    [Fact]
    public void VentricularFlutterEpisodesAreNotCompared()
    {
        var reference = Ann("N@100", "[@200", "!@250", "]@900", "N@1000");
        var test = Ann("N@100", "V@300", "V@500", "V@700", "N@1000");
        var c = Compare(reference, test);
        Assert.Equal(2, c[N, N]);
        Assert.Equal(0, c.QrsFalsePositives);
    }

    [Fact]
    public void GrossPoolsBeatsWhileAverageWeighsRecordsEqually()
    {
        var a = Compare(Ann([.. Enumerable.Range(1, 10).Select(i => $"N@{i * 100}")]), Ann([.. Enumerable.Range(1, 10).Select(i => $"N@{i * 100}")]));
        var b = Compare(Ann("N@100", "N@200"), Ann("N@100"));
        Assert.Equal(100.0 * 11 / 12, BeatComparison.Sum([a, b]).QrsSensitivity!.Value, 9);
        Assert.Equal(75.0, new Sumstats([a, b]).Average.QrsSensitivity!.Value, 9);
        Assert.Equal(100.0 * 11 / 12, new Sumstats([a, b]).Gross.QrsSensitivity!.Value, 9);
    }

    [Fact]
    public void ReferenceAgainstItselfIsPerfectOnEveryRecord()
    {
        string dir = TestData.MitDbDirectory ?? TestData.Fixture("mitdb");
        var records = TestData.MitDbDirectory is null ? TestData.FixtureRecords : TestData.MitBihRecords;
        foreach (string name in records)
        {
            var atr = AnnotationReader.ReadFile(Path.Combine(dir, name + ".atr"));
            var stats = BeatByBeatComparator.Compare(name, atr, atr, 360, new BeatComparisonOptions(StartSeconds: 0), 650_000).Statistics();
            foreach (var value in new[] { stats.QrsSensitivity, stats.QrsPositivePredictivity, stats.VebSensitivity, stats.VebPositivePredictivity, stats.SvebSensitivity, stats.SvebPositivePredictivity })
                Assert.True(value is null or 100.0, $"{name}: {stats}");
            Assert.Equal(0.0, stats.VebFalsePositiveRate);
            Assert.Equal(0.0, stats.RmsRrErrorMs);
        }
    }
}
