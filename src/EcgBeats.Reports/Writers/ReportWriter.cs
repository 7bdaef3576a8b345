using System.Globalization;
using System.Text;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Reports.Plots;
using EcgBeats.Runs;
using EcgBeats.Protocols;

namespace EcgBeats.Reports.Writers;

/// <summary>
/// Writes a run's report: <c>report.md</c> (figures linked), <c>report.html</c> (self-contained:
/// figures embedded as data URIs, no external resource, opens offline), <c>metrics.json</c> (every
/// evaluation) and <c>metrics.csv</c> (the headline table, one row per split and model). Every
/// number comes from the same evaluations, and both reports render one <see cref="ReportDocument"/>, so the four agree.
/// </summary>
public static class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string IntraExplanation =
        "Beats drawn at random into training and test sets, stratified by class, as the Kaggle files were: beats of every patient are on both sides, so a model can learn a patient's own beat shapes. These numbers are the ones the literature quotes, and they are optimistic.";

    private const string InterExplanation =
        "Trained on the 22 records of de Chazal et al.'s DS1 and tested on the 22 other patients of DS2 (paced records left out): no patient is on both sides, as for a device meeting a new patient. Every choice was made on DS1 alone, with whole DS1 records held out for validation (docs/inter-patient.md).";

    /// <summary>
    /// Draws the figures and writes the four report files into <paramref name="folder"/>, as one unit: everything is
    /// made in a hidden staging folder first and renamed into place only once complete (figures, metrics, then
    /// <c>report.md</c> and <c>report.html</c> last), so a failure part-way (a full disk) leaves the previous report as
    /// it was, with no new file beside it (#25). Returns the HTML's path.
    /// </summary>
    public static string Write(RunResults run, string folder)
    {
        using var files = new FileSet(folder);
        string staging = files.StagingFolder;
        string figures = Path.Combine(staging, "figures");
        var sections = new List<(string Split, string Explanation, List<string> Figures)>();
        foreach (string split in run.Splits)
        {
            var results = run.Of(split);
            var pictures = new List<string>();
            if (run.TestBeats?.GetValueOrDefault(split) is { } testBeats)
                pictures.Add(Rename(BeatExamplesPlot.Save(testBeats, figures), $"beat-examples-{split}"));
            if (run.Datasets.GetValueOrDefault(split) is { } dataset)
            {
                var t = dataset.TrainCounts;
                int[] counts = [t.N, t.S, t.V, t.F, t.Q];
                int[] balanced = counts.Select(c => c > 0 ? Balancer.DefaultPerClass : 0).ToArray();
                pictures.Add(Rename(ClassDistributionPlot.Save([("training split", counts), ($"balanced to {Balancer.DefaultPerClass} per class", balanced)], figures),
                    $"class-distribution-{split}"));
            }
            pictures.Add(ModelComparisonPlot.Save(results.Select(r => r.Evaluation with { Model = r.Card.Model }).ToList(),
                figures, $"model-comparison-{split}", $"Models compared, {split}-patient test split"));
            foreach (var r in results)
                pictures.Add(Rename(ConfusionMatrixPlot.Save(r.Evaluation with { Model = r.Card.Model }, figures), $"confusion-{split}-{r.Card.Model}"));
            foreach (var r in results.Where(r => r.Card.History is { Count: > 0 }))
                pictures.Add(Rename(TrainingCurvesPlot.Save(r.Card, figures), $"training-{split}-{r.Card.Model}"));
            sections.Add((split, split == "intra" ? IntraExplanation : InterExplanation, pictures));
        }
        string? adaptationCurve = run.Adaptive is { } adaptive ? AdaptationCurvePlot.Save(adaptive, figures) : null;
        foreach (string figure in Directory.GetFiles(figures).Order(StringComparer.Ordinal))
        {
            FaultPoints.Reach("Report.Figure"); // a test may kill the process while the report is still being made
            files.Stage("figures/" + Path.GetFileName(figure));
        }
        JsonFile.Write(files.Stage("metrics.json"), run.Results.Select(r => new { split = r.Split, model = r.Card.Model, evaluation = r.Evaluation }).ToList());
        AtomicFile.WriteAllText(files.Stage("metrics.csv"), Csv(run));
        var content = Content(run, sections, adaptationCurve);
        // Figures are linked relative to the report, so the staged report links them as the committed one will.
        AtomicFile.WriteAllText(files.Stage("report.md"), content.ToMarkdown(staging));
        AtomicFile.WriteAllText(files.Stage("report.html"), content.ToHtml());
        files.Commit();
        return Path.Combine(folder, "report.html");
    }

    private static string Rename(string png, string name)
    {
        string folder = Path.GetDirectoryName(png)!;
        string target = Path.Combine(folder, name + ".png");
        File.Move(png, target, overwrite: true);
        File.Move(Path.ChangeExtension(png, ".svg"), Path.Combine(folder, name + ".svg"), overwrite: true);
        return target;
    }

    private static string Number(double value) => value.ToString("0.0000", Invariant);

    private static string Csv(RunResults run)
    {
        var text = new StringBuilder();
        var classes = run.Results.FirstOrDefault()?.Card.Classes ?? [];
        text.Append("split,model,").Append(string.Join(",", Headline.Columns(classes).Select(c => c.Replace(' ', '_')))).Append(",accuracy_ci_low,accuracy_ci_high,macro_f1_ci_low,macro_f1_ci_high,kappa\n");
        foreach (var r in run.Results)
        {
            var e = r.Evaluation;
            text.Append(r.Split).Append(',').Append(r.Card.Model).Append(',')
                .Append(string.Join(",", Headline.Row(e).Select(Number))).Append(',')
                .Append(string.Join(",", new[] { e.AccuracyInterval.Lower, e.AccuracyInterval.Upper, e.MacroF1Interval.Lower, e.MacroF1Interval.Upper, e.Report.Kappa }.Select(Number)))
                .Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The report's content, once: both formats render it.</summary>
    public static ReportDocument Content(RunResults run, IReadOnlyList<(string Split, string Explanation, List<string> Figures)> sections, string? adaptationCurve = null)
    {
        var blocks = new List<ReportBlock> { new ReportHeading(1, run.Title) };
        foreach (var (split, explanation, figures) in sections)
        {
            var results = run.Of(split);
            blocks.Add(new ReportHeading(2, split == "intra" ? "Intra-patient split" : "Inter-patient split (DS1 -> DS2)"));
            blocks.Add(new ReportParagraph(explanation));
            var ec57 = Ec57Table.Rows(run, split);
            if (ec57.Count > 0)
            {
                blocks.Add(new ReportHeading(3, "Whole records, beat by beat (EC57)"));
                blocks.Add(new ReportParagraph(Ec57Table.Explanation));
                blocks.Add(new ReportTable(Ec57Table.Columns, ec57, TextColumns: 2));
                blocks.Add(new ReportParagraph("Published inter-patient results on DS2 (same protocol and class mapping):"));
                blocks.Add(new ReportTable(["method", "SVEB Se", "SVEB +P", "VEB Se", "VEB +P"],
                    Ec57Table.Anchors.Select(a => (IReadOnlyList<string>)[a.Method, $"{a.SvebSe}", $"{a.SvebPlusP}", $"{a.VebSe}", $"{a.VebPlusP}"]).ToList()));
                var rhythm = RhythmTable.Rows(run, split);
                if (rhythm.Count > 0)
                {
                    blocks.Add(new ReportHeading(3, "Atrial fibrillation and the rhythm gate"));
                    blocks.Add(new ReportParagraph(RhythmTable.Explanation));
                    blocks.Add(new ReportTable(RhythmTable.Columns, rhythm, TextColumns: 1));
                    // Record by record for the declared new-patient model (the class-wise ensemble), else the first model.
                    string shown = rhythm.Select(r => r[0]).FirstOrDefault(m => m == Models.Ensembles.ClassWise.Name) ?? rhythm[0][0];
                    blocks.Add(new ReportParagraph($"{shown}, record by record (records with reference AF or flutter, AF called, or an S call the gate changed):"));
                    blocks.Add(new ReportTable(RhythmTable.RecordColumns, RhythmTable.RecordRows(run, split, shown), TextColumns: 2));
                }
                blocks.Add(new ReportHeading(3, "Test beats, one by one"));
            }
            if (run.Datasets.TryGetValue(split, out var d))
                blocks.Add(new ReportParagraph($"Training beats: {d.TrainCounts.Total:N0}; test beats: {d.TestCounts.Total:N0} (N {d.TestCounts.N:N0}, S {d.TestCounts.S:N0}, V {d.TestCounts.V:N0}, F {d.TestCounts.F:N0}, Q {d.TestCounts.Q:N0})."));
            blocks.Add(new ReportTable(["model", .. Headline.Columns(results[0].Card.Classes)],
                results.Select(r => (IReadOnlyList<string>)[r.Card.Model, .. Headline.Row(r.Evaluation).Select(Number)]).ToList()));
            blocks.AddRange(figures.Select(f => new ReportFigure(f)));
        }
        if (run.Adaptive is { } adaptive)
        {
            blocks.Add(new ReportHeading(2, "Adapted to each new patient (DS2, EC57's patient-specific protocol)"));
            blocks.Add(new ReportParagraph(AdaptiveTable.Explanation(adaptive)));
            blocks.Add(new ReportTable(AdaptiveTable.Columns, AdaptiveTable.Rows(adaptive), TextColumns: 1));
            blocks.Add(new ReportParagraph("Published patient-adaptive results on DS2 (each test record's first minutes or beats labelled):"));
            blocks.Add(new ReportTable(["method", "SVEB Se", "SVEB +P", "VEB Se", "VEB +P"],
                AdaptiveTable.Anchors.Select(a => (IReadOnlyList<string>)[a.Method, $"{a.SvebSe}", $"{a.SvebPlusP}", $"{a.VebSe}", $"{a.VebPlusP}"]).ToList()));
            if (adaptationCurve is not null) blocks.Add(new ReportFigure(adaptationCurve));
        }
        if (run.AllPatients is { } all)
        {
            blocks.Add(new ReportHeading(2, "The model for new records (every MIT-BIH patient)"));
            blocks.Add(new ReportParagraph(AllPatientsParagraph(all)));
        }
        blocks.Add(new ReportHeading(2, "How this run was made"));
        blocks.Add(new ReportTable(["", ""], run.Facts.Select(f => (IReadOnlyList<string>)[f.Key, f.Value]).ToList(), TextColumns: 2));
        return new ReportDocument(blocks);
    }

    /// <summary>The all-patients model in one paragraph: what it was trained on, that it has no test of its own, and what stands for it (#27).</summary>
    internal static string AllPatientsParagraph(Classification.ModelCard card)
    {
        string Of(string key) => card.Provenance?.GetValueOrDefault(key) ?? "(not recorded)";
        string counts = card.TrainingData is { } data
            ? string.Join(", ", data.Beats.Select((n, k) => $"{n:N0} {Beats.AamiMapping.Classes[k]}"))
            : "(not recorded)";
        return $"`annotate` uses this model by default: {card.Model} trained on {Of("trainedOn")} (per class: {counts}). " +
               $"It has no held-out patients of its own ({Of("heldOutPatients")}). Its recipe is {Of("recipe")}. What stands for it is " +
               $"{Of("standsFor")}. The DS1-only model stays in inter/models/{card.Model} for those numbers (`annotate --model`).";
    }
}
