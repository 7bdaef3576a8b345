using EcgBeats.Reports.Writers;
using EcgBeats.TestSupport;

namespace EcgBeats.Reports.Tests;

/// <summary>Issue #22: the report's content is one model; Markdown and HTML are two renderings of it, checked against hand-written output.</summary>
public sealed class ReportDocumentTests
{
    private static ReportDocument Document(string figure) => new(
    [
        new ReportHeading(1, "A run"),
        new ReportParagraph("S < V & N"),
        new ReportTable(["model", "accuracy"], [["cnn", "0.9800"], ["gbt", "0.9750"]]),
        new ReportFigure(figure),
        new ReportHeading(2, "How this run was made"),
        new ReportTable(["", ""], [["seed", "42"]], TextColumns: 2),
    ]);

    [Fact]
    public void MarkdownIsTheHandWrittenOne()
    {
        using var temp = TestData.TempFolder();
        string png = temp.File("figures/confusion-cnn.png");
        Assert.Equal("""
            # A run

            S < V & N

            | model | accuracy |
            |---|---:|
            | cnn | 0.9800 |
            | gbt | 0.9750 |

            ![confusion-cnn](figures/confusion-cnn.png)

            ## How this run was made

            | | |
            |---|---|
            | seed | 42 |


            """.Replace("\r\n", "\n"), Document(png).ToMarkdown(temp.Path));
    }

    [Fact]
    public void HtmlSaysTheSameEscapedWithTheFigureEmbedded()
    {
        using var temp = TestData.TempFolder();
        string png = temp.File("figure.png");
        File.WriteAllBytes(png, [0x89, 0x50, 0x4E, 0x47]);
        string html = Document(png).ToHtml();
        Assert.Contains("<title>A run</title>", html);
        Assert.Contains("<h1>A run</h1>", html);
        Assert.Contains("<p>S &lt; V &amp; N</p>", html);
        Assert.Contains("<tr><th class=\"text\">model</th><th>accuracy</th></tr>", html);
        Assert.Contains("<tr><td class=\"text\">cnn</td><td>0.9800</td></tr>", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw==\"", html);
        // A table whose columns have no names has no header row.
        Assert.Contains("<table>\n<tr><td class=\"text\">seed</td><td class=\"text\">42</td></tr>\n</table>", html);
        Assert.DoesNotContain("http", html.Replace("<!DOCTYPE html>", ""));
    }
}
