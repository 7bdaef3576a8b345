using EcgBeats.Protocols;
using EcgBeats.Runs;
using ScottPlot;

namespace EcgBeats.Reports.Plots;

/// <summary>
/// The patient-adaptive curve (#24): SVEB and VEB sensitivity and positive predictivity against the beats an analyst
/// confirmed per record (0: the base model; then 2, 6, 12), with the first-5-minutes result as dashed lines.
/// </summary>
public static class AdaptationCurvePlot
{
    private static readonly (string Name, Color Color, Func<Metrics.BeatComparisonStatistics, double?> Value)[] Lines =
    [
        ("SVEB Se", Color.FromHex("#0072B2"), s => s.SvebSensitivity),
        ("SVEB +P", Color.FromHex("#56B4E9"), s => s.SvebPositivePredictivity),
        ("VEB Se", Color.FromHex("#D55E00"), s => s.VebSensitivity),
        ("VEB +P", Color.FromHex("#E69F00"), s => s.VebPositivePredictivity),
    ];

    /// <summary>Draws and saves <c>adaptation-curve.png/.svg</c>; returns the PNG's path.</summary>
    public static string Save(AdaptiveResult result, string folder)
    {
        var plot = Figure.Create($"{result.Model} adapted to each DS2 record: gross EC57 statistics from minute 5");
        var curve = result.Rows.Where(r => r.Labels is AdaptiveLabels.None or AdaptiveLabels.ConfirmedBeats).ToList();
        double[] xs = curve.Select(r => (double)r.BeatsAsked).ToArray();
        var minutes = result.Rows.FirstOrDefault(r => r.Labels == AdaptiveLabels.FirstMinutes);
        foreach (var (name, color, value) in Lines)
        {
            double[] ys = curve.Select(r => value(r.Score.Gross) ?? double.NaN).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = name;
            line.MarkerSize = 7;
            if (minutes is not null && value(minutes.Score.Gross) is double m)
            {
                var h = plot.Add.HorizontalLine(m, 1, color, LinePattern.Dashed);
                h.LegendText = $"{name}, first {result.LabelledSeconds / 60:0} minutes";
            }
        }
        plot.XLabel("beats confirmed per record (0: the base model)");
        plot.YLabel("%");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, xs.Select(x => x.ToString("0")).ToArray());
        plot.Axes.SetLimitsY(0, 105);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return Figure.Save(plot, folder, "adaptation-curve");
    }
}
