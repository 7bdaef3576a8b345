using System.Globalization;
using EcgBeats.Adaptation;
using EcgBeats.Io;
using EcgBeats.Reports.Plots;
using EcgBeats.Wfdb;

namespace EcgBeats.Reports.Writers;

/// <summary>
/// Writes a review (<see cref="BeatReview.Review"/>) for an analyst: <c>sheet.csv</c> to fill in, <c>clusters.csv</c>
/// (every beat's cluster, for <c>adapt --sheet</c>), a figure per chosen beat in its context, and <c>review.md</c> /
/// <c>review.html</c> (self-contained), the report's style: the beats in order, each with its figure.
/// </summary>
public static class ReviewPage
{
    /// <summary>
    /// Writes the review's files into <paramref name="folder"/> as one unit (made in a hidden staging folder, renamed into
    /// place once complete, <c>sheet.csv</c> last); returns the HTML page's path. A <c>sheet.csv</c> there that holds an
    /// analyst's labels (or is not a blank sheet of this record) is never replaced (#25: nothing already written is lost).
    /// </summary>
    /// <exception cref="InvalidInputException">The folder's sheet holds labels, or cannot be read as a sheet of this record.</exception>
    /// <param name="review">The review.</param>
    /// <param name="record">The record (for the drawn signal).</param>
    /// <param name="baseModel">The base model's name and folder, as the page should name it.</param>
    /// <param name="settings">The review's settings.</param>
    /// <param name="folder">The output folder (made by the caller).</param>
    public static string Write(RecordReview review, WfdbRecord record, string baseModel, ReviewSettings settings, string folder)
    {
        string existing = Path.Combine(folder, LabellingSheet.FileName);
        if (File.Exists(existing))
        {
            int filled;
            try { filled = LabellingSheet.Read(existing, review.Record).Count; }
            catch (InvalidInputException) { filled = -1; }
            if (filled != 0)
                throw new InvalidInputException($"{existing}: {(filled > 0 ? $"holds {filled} label(s) an analyst filled in" : "is not a blank labelling sheet of this record")}; " +
                                                "a new review would replace it, so it is left as it is (adapt from it with 'ecgbeats adapt --sheet', move it, or name another --out)");
        }
        using var files = new FileSet(folder);
        string staging = files.StagingFolder;
        var samples = review.Beats.Origins!.Select(o => o.Sample).ToArray();
        AtomicFile.WriteAllText(Path.Combine(staging, LabellingSheet.ClustersFileName), LabellingSheet.WriteClusters(samples, review.Selection.Clusters));
        int signal = review.Signals[0];
        var info = record.Header.Signals[signal];
        double[] physical = record.Physical(signal);
        string figures = Path.Combine(staging, "figures");
        var blocks = new List<ReportBlock>
        {
            new ReportHeading(1, $"Beats to confirm: record {review.Record}"),
            new ReportParagraph($"{review.Beats.Count:N0} beats found and classified by {baseModel}; clustered by shape and rhythm into {review.Selection.Clusters.Count} clusters; " +
                $"{review.Selection.Chosen.Count} beats chosen ({settings}). Label each in sheet.csv's 'label' column (N, S, V, F or Q, or a WFDB beat symbol; leave it empty to skip), " +
                $"then: ecgbeats adapt {review.Record} --sheet sheet.csv --model BASE --out DIR, with the same base model."),
        };
        if (review.Warnings.Count > 0) blocks.Add(new ReportParagraph("The cut noticed: " + string.Join("; ", review.Warnings)));
        blocks.Add(new ReportTable(["#", "sample", "time", "cluster", "cluster size", "proposed", "confidence", "why"],
            review.Selection.Chosen.Select((b, k) => (IReadOnlyList<string>)[(k + 1).ToString(CultureInfo.InvariantCulture), b.Sample.ToString(CultureInfo.InvariantCulture),
                LabellingSheet.Time(b.Sample / review.SamplingFrequency), b.Cluster.ToString(CultureInfo.InvariantCulture), b.ClusterSize.ToString("N0", CultureInfo.InvariantCulture),
                b.Proposed.ToString(), b.Confidence.ToString("0.000", CultureInfo.InvariantCulture), b.Reason]).ToList(), TextColumns: 0));
        foreach (var (beat, k) in review.Selection.Chosen.Select((b, k) => (b, k)))
        {
            string title = $"#{k + 1}: sample {beat.Sample} ({LabellingSheet.Time(beat.Sample / review.SamplingFrequency)}), cluster {beat.Cluster} ({beat.ClusterSize:N0} beats), proposed {beat.Proposed} ({beat.Confidence:0.00})";
            blocks.Add(new ReportHeading(2, title));
            blocks.Add(new ReportFigure(ReviewBeatPlot.Save(physical, record.SignalFrequency(signal), beat.Sample, title,
                $"{info.Description} ({info.Units})", (int)beat.Proposed, figures, $"beat-{k + 1:00}-{beat.Sample}")));
        }
        var page = new ReportDocument(blocks);
        AtomicFile.WriteAllText(Path.Combine(staging, "review.md"), page.ToMarkdown(staging));
        AtomicFile.WriteAllText(Path.Combine(staging, "review.html"), page.ToHtml());
        AtomicFile.WriteAllText(Path.Combine(staging, LabellingSheet.FileName), LabellingSheet.Write(review.Record, review.SamplingFrequency, review.Selection));
        foreach (string figure in Directory.Exists(figures) ? Directory.GetFiles(figures).Order(StringComparer.Ordinal).ToArray() : [])
            files.Stage("figures/" + Path.GetFileName(figure));
        files.Stage(LabellingSheet.ClustersFileName);
        files.Stage("review.md");
        files.Stage("review.html");
        // The sheet last: its presence says the review is complete.
        files.Stage(LabellingSheet.FileName);
        files.Commit();
        string html = Path.Combine(folder, "review.html");
        return html;
    }
}
