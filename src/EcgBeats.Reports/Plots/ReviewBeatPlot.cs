using ScottPlot;

namespace EcgBeats.Reports.Plots;

/// <summary>
/// One beat to confirm in its context: the record's signal (physical units) from 2 s before to 2 s after it, the beat
/// marked, so that an analyst sees its rhythm as well as its shape.
/// </summary>
public static class ReviewBeatPlot
{
    /// <summary>Seconds of context on each side of the beat.</summary>
    public const double ContextSeconds = 2;

    /// <summary>Draws the beat at <paramref name="sample"/> and saves <c>NAME.png/.svg</c> into <paramref name="folder"/>; returns the PNG's path.</summary>
    /// <param name="signal">The whole signal, physical units.</param>
    /// <param name="samplingFrequency">Its rate, Hz.</param>
    /// <param name="sample">The beat's position, samples.</param>
    /// <param name="title">The figure's title (the beat's number, time, cluster and proposed class).</param>
    /// <param name="lead">The lead's description and units, for the axis, e.g. <c>MLII (mV)</c>.</param>
    /// <param name="classIndex">The proposed class's index (N S V F Q), for the marker's colour.</param>
    /// <param name="folder">Where the figure goes.</param>
    /// <param name="name">The file name without extension.</param>
    public static string Save(double[] signal, double samplingFrequency, long sample, string title, string lead, int classIndex, string folder, string name)
    {
        long context = (long)Math.Round(ContextSeconds * samplingFrequency);
        int from = (int)Math.Max(0, sample - context), to = (int)Math.Min(signal.Length, sample + context + 1);
        var plot = Figure.Create(title);
        double[] time = Enumerable.Range(from, to - from).Select(i => (i - sample) / samplingFrequency).ToArray();
        double[] values = signal[from..to].Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();
        var line = plot.Add.Scatter(time, values);
        line.MarkerSize = 0;
        line.LineWidth = 1.3f;
        line.Color = Colors.Black;
        var marker = plot.Add.VerticalLine(0);
        marker.Color = Figure.ClassColors[Math.Clamp(classIndex, 0, Figure.ClassColors.Length - 1)].WithAlpha(0.8);
        marker.LineWidth = 2;
        marker.LinePattern = LinePattern.Dashed;
        plot.XLabel("time from the beat (s)");
        plot.YLabel(lead);
        return Figure.Save(plot, folder, name, Figure.Width, 320);
    }
}
