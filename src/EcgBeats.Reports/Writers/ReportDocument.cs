using System.Net;
using System.Text;

namespace EcgBeats.Reports.Writers;

/// <summary>One block of a report: what it says, not how a format shows it.</summary>
public abstract record ReportBlock;

/// <summary>A heading of level 1 (the title) to 3.</summary>
public sealed record ReportHeading(int Level, string Text) : ReportBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>A table: its column names (all empty: no header row in HTML), its rows, and how many leading columns are text (left-aligned; the rest are numbers).</summary>
public sealed record ReportTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, int TextColumns = 1) : ReportBlock;

/// <summary>A figure: a PNG file (linked from Markdown, embedded in HTML).</summary>
public sealed record ReportFigure(string PngPath) : ReportBlock;

/// <summary>
/// A report's content as one list of blocks, rendered to Markdown and to self-contained HTML by the same walk, so that
/// the two formats cannot say different things.
/// </summary>
/// <param name="Blocks">The blocks in order; the first is usually the level-1 title.</param>
public sealed record ReportDocument(IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>Markdown; figures linked relative to <paramref name="folder"/> (where the Markdown file goes).</summary>
    public string ToMarkdown(string folder)
    {
        var md = new StringBuilder();
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case ReportHeading h: md.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n"); break;
                case ReportParagraph p: md.Append(p.Text).Append("\n\n"); break;
                case ReportTable t:
                    md.Append('|').Append(string.Concat(t.Columns.Select(c => c.Length == 0 ? " |" : $" {c} |"))).Append('\n');
                    md.Append('|').Append(string.Concat(t.Columns.Select((_, i) => i < t.TextColumns ? "---|" : "---:|"))).Append('\n');
                    foreach (var row in t.Rows) md.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
                    md.Append('\n');
                    break;
                case ReportFigure f:
                    md.Append("![").Append(Path.GetFileNameWithoutExtension(f.PngPath)).Append("](")
                        .Append(Path.GetRelativePath(folder, f.PngPath).Replace('\\', '/')).Append(")\n\n");
                    break;
            }
        }
        return md.ToString();
    }

    /// <summary>One HTML file with nothing outside it: figures embedded as data URIs, so it opens offline.</summary>
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        string title = Blocks.OfType<ReportHeading>().FirstOrDefault(h => h.Level == 1)?.Text ?? "EcgBeats report";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}td.text,th.text{text-align:left}img{max-width:100%;margin:.5em 0}")
            .Append("</style></head><body>\n");
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case ReportHeading h: html.Append($"<h{h.Level}>").Append(E(h.Text)).Append($"</h{h.Level}>\n"); break;
                case ReportParagraph p: html.Append("<p>").Append(E(p.Text)).Append("</p>\n"); break;
                case ReportTable t:
                    string Class(int i) => i < t.TextColumns ? " class=\"text\"" : "";
                    html.Append("<table>");
                    if (t.Columns.Any(c => c.Length > 0))
                        html.Append("<tr>").Append(string.Concat(t.Columns.Select((c, i) => $"<th{Class(i)}>{E(c)}</th>"))).Append("</tr>");
                    html.Append('\n');
                    foreach (var row in t.Rows) html.Append("<tr>").Append(string.Concat(row.Select((v, i) => $"<td{Class(i)}>{E(v)}</td>"))).Append("</tr>\n");
                    html.Append("</table>\n");
                    break;
                case ReportFigure f:
                    html.Append("<img alt=\"").Append(E(Path.GetFileNameWithoutExtension(f.PngPath))).Append("\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(File.ReadAllBytes(f.PngPath))).Append("\">\n");
                    break;
            }
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }
}
