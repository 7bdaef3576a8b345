using System.Globalization;
using System.Net;
using System.Text;
using EcgBeats.Datasets;
using EcgBeats.Io;
using EcgBeats.Reports.Plots;
using EcgBeats.Runs;

namespace EcgBeats.Reports.Writers;

/// <summary>
/// Writes a run's report: <c>report.md</c> (figures linked), <c>report.html</c> (self-contained:
/// figures embedded as data URIs, no external resource, opens offline), <c>metrics.json</c> (every
/// evaluation) and <c>metrics.csv</c> (the headline table, one row per split and model). Every
/// number comes from the same evaluations, so the four agree.
/// </summary>
public static class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string IntraExplanation =
        "Beats drawn at random into training and test sets, stratified by class, as the Kaggle files were: beats of every patient are on both sides, so a model can learn a patient's own beat shapes. These numbers are the ones the literature quotes, and they are optimistic.";

    private const string InterExplanation =
        "Trained on the 22 records of de Chazal et al.'s DS1 and tested on the 22 other patients of DS2 (paced records left out): no patient is on both sides, as for a device meeting a new patient. Every choice was made on DS1 alone, with whole DS1 records held out for validation (docs/inter-patient.md).";

    /// <summary>Draws the figures and writes the four report files into <paramref name="folder"/>; returns the HTML's path.</summary>
    public static string Write(RunResults run, string folder)
    {
        string figures = Path.Combine(folder, "figures");
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
                pictures.Add(Rename(ClassDistributionPlot.Save([("training split", counts), ($"balanced (--balance {Balancer.DefaultPerClass})", balanced)], figures),
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
        JsonFile.Write(Path.Combine(folder, "metrics.json"), run.Results.Select(r => new { split = r.Split, model = r.Card.Model, evaluation = r.Evaluation }).ToList());
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.csv"), Csv(run));
        AtomicFile.WriteAllText(Path.Combine(folder, "report.md"), Markdown(run, sections, folder));
        string html = Path.Combine(folder, "report.html");
        AtomicFile.WriteAllText(html, Html(run, sections));
        return html;
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

    private static string Markdown(RunResults run, List<(string Split, string Explanation, List<string> Figures)> sections, string folder)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(run.Title).Append("\n\n");
        foreach (var (split, explanation, figures) in sections)
        {
            var results = run.Of(split);
            var classes = results[0].Card.Classes;
            md.Append("## ").Append(split == "intra" ? "Intra-patient split" : "Inter-patient split (DS1 -> DS2)").Append("\n\n").Append(explanation).Append("\n\n");
            var ec57 = Ec57Table.Rows(run, split);
            if (ec57.Count > 0)
            {
                md.Append("### Whole records, beat by beat (EC57)\n\n").Append(Ec57Table.Explanation).Append("\n\n");
                md.Append("| ").Append(string.Join(" | ", Ec57Table.Columns)).Append(" |\n|---|---|").Append(string.Concat(Ec57Table.Columns.Skip(2).Select(_ => "---:|"))).Append('\n');
                foreach (var row in ec57) md.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
                md.Append("\nPublished inter-patient results on DS2 (same protocol and class mapping):\n\n| method | SVEB Se | SVEB +P | VEB Se | VEB +P |\n|---|---:|---:|---:|---:|\n");
                foreach (var a in Ec57Table.Anchors) md.Append($"| {a.Method} | {a.SvebSe} | {a.SvebPlusP} | {a.VebSe} | {a.VebPlusP} |\n");
                md.Append("\n### Test beats, one by one\n\n");
            }
            if (run.Datasets.TryGetValue(split, out var d))
                md.Append($"Training beats: {d.TrainCounts.Total:N0}; test beats: {d.TestCounts.Total:N0} (N {d.TestCounts.N:N0}, S {d.TestCounts.S:N0}, V {d.TestCounts.V:N0}, F {d.TestCounts.F:N0}, Q {d.TestCounts.Q:N0}).\n\n");
            var columns = Headline.Columns(classes);
            md.Append("| model | ").Append(string.Join(" | ", columns)).Append(" |\n|---|").Append(string.Concat(columns.Select(_ => "---:|"))).Append('\n');
            foreach (var r in results)
                md.Append("| ").Append(r.Card.Model).Append(" | ").Append(string.Join(" | ", Headline.Row(r.Evaluation).Select(Number))).Append(" |\n");
            md.Append('\n');
            foreach (string figure in figures)
                md.Append("![").Append(Path.GetFileNameWithoutExtension(figure)).Append("](").Append(Path.GetRelativePath(folder, figure).Replace('\\', '/')).Append(")\n\n");
        }
        md.Append("## How this run was made\n\n| | |\n|---|---|\n");
        foreach (var (key, value) in run.Facts) md.Append("| ").Append(key).Append(" | ").Append(value).Append(" |\n");
        return md.ToString();
    }

    private static string Html(RunResults run, List<(string Split, string Explanation, List<string> Figures)> sections)
    {
        string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(run.Title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}th:first-child,td:first-child{text-align:left}img{max-width:100%;margin:.5em 0}")
            .Append("</style></head><body>\n<h1>").Append(E(run.Title)).Append("</h1>\n");
        foreach (var (split, explanation, figures) in sections)
        {
            var results = run.Of(split);
            html.Append("<h2>").Append(split == "intra" ? "Intra-patient split" : "Inter-patient split (DS1 &rarr; DS2)").Append("</h2>\n<p>").Append(E(explanation)).Append("</p>\n");
            var ec57 = Ec57Table.Rows(run, split);
            if (ec57.Count > 0)
            {
                html.Append("<h3>Whole records, beat by beat (EC57)</h3>\n<p>").Append(E(Ec57Table.Explanation)).Append("</p>\n<table><tr>");
                foreach (string c in Ec57Table.Columns) html.Append("<th>").Append(E(c)).Append("</th>");
                html.Append("</tr>\n");
                foreach (var row in ec57) html.Append("<tr>").Append(string.Concat(row.Select(v => $"<td>{E(v)}</td>"))).Append("</tr>\n");
                html.Append("</table>\n<p>Published inter-patient results on DS2 (same protocol and class mapping):</p>\n<table><tr><th>method</th><th>SVEB Se</th><th>SVEB +P</th><th>VEB Se</th><th>VEB +P</th></tr>\n");
                foreach (var a in Ec57Table.Anchors)
                    html.Append($"<tr><td>{E(a.Method)}</td><td>{a.SvebSe}</td><td>{a.SvebPlusP}</td><td>{a.VebSe}</td><td>{a.VebPlusP}</td></tr>\n");
                html.Append("</table>\n<h3>Test beats, one by one</h3>\n");
            }
            if (run.Datasets.TryGetValue(split, out var d))
                html.Append($"<p>Training beats: {d.TrainCounts.Total:N0}; test beats: {d.TestCounts.Total:N0} (N {d.TestCounts.N:N0}, S {d.TestCounts.S:N0}, V {d.TestCounts.V:N0}, F {d.TestCounts.F:N0}, Q {d.TestCounts.Q:N0}).</p>\n");
            html.Append("<table><tr><th>model</th>");
            foreach (string c in Headline.Columns(results[0].Card.Classes)) html.Append("<th>").Append(E(c)).Append("</th>");
            html.Append("</tr>\n");
            foreach (var r in results)
            {
                html.Append("<tr><td>").Append(E(r.Card.Model)).Append("</td>");
                foreach (double v in Headline.Row(r.Evaluation)) html.Append("<td>").Append(Number(v)).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
            foreach (string figure in figures)
                html.Append("<img alt=\"").Append(E(Path.GetFileNameWithoutExtension(figure))).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(File.ReadAllBytes(figure))).Append("\">\n");
        }
        html.Append("<h2>How this run was made</h2>\n<table>");
        foreach (var (key, value) in run.Facts) html.Append("<tr><td>").Append(E(key)).Append("</td><td>").Append(E(value)).Append("</td></tr>");
        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }
}
