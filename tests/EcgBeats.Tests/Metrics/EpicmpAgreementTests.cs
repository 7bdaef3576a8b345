using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Tests.Metrics;

/// <summary>
/// Our AF episode comparison against WFDB 10.7's own <c>epicmp -A</c>: the reports in tests/Fixtures/epicmp/ were written
/// by epicmp from MIT-BIH's reference rhythm annotations and test annotators made by that folder's perturb.py (moved,
/// dropped and false episodes, flutter called AF, an episode open at the end, one before minute 5, one at sample 0), and
/// ours must equal them character for character (make-goldens.sh there; WFDB is not needed to run this).
/// </summary>
public sealed class EpicmpAgreementTests
{
    private static readonly string[] Records = ["101", "108", "116", "201", "203", "217"];

    private static EpisodeComparison Compare(string dir, string record, EpisodeComparisonOptions? options = null)
    {
        var header = RecordReader.ReadHeader(Path.Combine(dir, record));
        var reference = AnnotationReader.ReadFile(Path.Combine(dir, record + ".atr"));
        var test = AnnotationReader.ReadFile(TestData.Fixture("epicmp", record + ".tst"), header.SamplingFrequency);
        return EpisodeComparator.Compare(record, reference, test, header.SamplingFrequency, header.SampleCount ?? 0, options: options);
    }

    private static string Golden(string name) => File.ReadAllText(TestData.Fixture("epicmp", name));

    [Fact]
    public void EveryRecordsMatrixReportIsEpicmps()
    {
        string dir = TestData.RequireMitDb();
        Assert.Equal(Golden("af.txt"), string.Concat(Records.Select(r => EpicmpReport.Standard(Compare(dir, r), "atr", "tst"))));
    }

    [Fact]
    public void TheLineReportIsEpicmps()
    {
        string dir = TestData.RequireMitDb();
        Assert.Equal(Golden("af-lines.txt"), EpicmpReport.LineHeader + string.Concat(Records.Select(r => EpicmpReport.Line(Compare(dir, r)))));
    }

    [Fact]
    public void TheFlutterExclusionAndTheWholeRecordAreEpicmps()
    {
        string dir = TestData.RequireMitDb();
        Assert.Equal(Golden("af-x.txt"), EpicmpReport.Standard(Compare(dir, "203", new EpisodeComparisonOptions(ExcludeReferenceFlutter: true)), "atr", "tst"));
        Assert.Equal(Golden("af-f0.txt"), EpicmpReport.Standard(Compare(dir, "201", new EpisodeComparisonOptions(StartSeconds: 0)), "atr", "tst"));
    }

    [Fact]
    public void ARecordWithoutReferenceAfHasNoSensitivityAndEveryTestEpisodeIsFalse()
    {
        string dir = TestData.RequireMitDb();
        var c = Compare(dir, "101"); // the golden line: 0 0 0 2, "-" and 0%
        Assert.Null(c.EpisodeSensitivity);
        Assert.Equal(0, c.EpisodePositivePredictivity);
        Assert.Equal(2, c.FalseTest);
    }
}
