using EcgBeats.Io;
using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.Protocols;
using EcgBeats.Reports.Writers;
using EcgBeats.Runs;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Reports.Tests;

/// <summary>The report's "Adapted to each new patient" section (<c>run --splits adaptive</c>), on hand-made annotations.</summary>
public sealed class AdaptiveSectionTests
{
    /// <summary>
    /// A record at 360 Hz with a beat every second for 10 minutes, every 10th V (hand-made). Scored from minute 5: 300
    /// beats, 30 of them V. "none" calls every beat N (VEB Se 0, +P undefined); "12 confirmed beats" calls each as the
    /// reference does (VEB Se and +P 100).
    /// </summary>
    private static AdaptiveResult Result()
    {
        var reference = Enumerable.Range(1, 600).Select(k => new Annotation(k * 360L, AnnotationCodes.Code(k % 10 == 0 ? "V" : "N"))).ToList();
        var allN = reference.Select(a => a with { Code = AnnotationCodes.Code("N") }).ToList();
        var options = new BeatComparisonOptions(Mapping: BeatClassMapping.DeChazal);
        Ec57Score Score(IReadOnlyList<Annotation> test) => Ec57Score.From([BeatByBeatComparator.Compare("r", reference, test, 360, options, 601 * 360)], options, "atr", "test");
        return new AdaptiveResult("ensemble-classwise", 300, "hand-made", [
            new AdaptiveRow(AdaptiveLabels.None, 0, 0, 0, 0, Score(allN)),
            new AdaptiveRow(AdaptiveLabels.FirstMinutes, 0, 300, 0, 1, Score(reference)),
            new AdaptiveRow(AdaptiveLabels.ConfirmedBeats, 12, 12, 580, 1, Score(reference)),
        ]);
    }

    [Fact]
    public void TheTableShowsEachWayOfLabellingWithItsScoresAndTheCurveIsDrawn()
    {
        var result = Result();
        var rows = AdaptiveTable.Rows(result);
        Assert.Equal(["none (the base model)", "first 5 minutes", "12 confirmed beats"], rows.Select(r => r[0]));
        int veb = AdaptiveTable.Columns.ToList().IndexOf("VEB Se");
        Assert.Equal("0.00", rows[0][veb]);
        Assert.Equal("-", rows[0][veb + 1]);   // nothing called V: +P undefined
        Assert.Equal("100.00", rows[2][veb]);
        Assert.Equal("100.00", rows[2][veb + 1]);
        Assert.Equal("580", rows[2][2]);

        using var folder = TestData.TempFolder();
        var run = new RunResults("t", new Dictionary<string, Datasets.DatasetCard>(), [], new Dictionary<string, string>(), Adaptive: result);
        string png = Plots.AdaptationCurvePlot.Save(result, folder.Path);
        Assert.True(new FileInfo(png).Length > 1000);
        string markdown = ReportWriter.Content(run, [], png).ToMarkdown(folder.Path);
        Assert.Contains("## Adapted to each new patient", markdown);
        Assert.Contains("| 12 confirmed beats | 12 | 580 | 1 |", markdown);
        Assert.Contains("Kiranyaz et al. 2016", markdown);

        // The step's file reads back as it was written.
        string file = Path.Combine(folder.Path, "adaptive.json");
        JsonFile.Write(file, result);
        var back = JsonFile.Read<AdaptiveResult>(file, "the patient-adaptive results");
        Assert.Equal(result.Rows.Select(r => (r.Labels, r.BeatsAsked, r.Score.Gross.VebSensitivity)), back.Rows.Select(r => (r.Labels, r.BeatsAsked, r.Score.Gross.VebSensitivity)));
    }
}
