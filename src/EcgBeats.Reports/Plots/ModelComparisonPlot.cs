using EcgBeats.Metrics;
using ScottPlot;
using EcgBeats.Protocols;

namespace EcgBeats.Reports.Plots;

/// <summary>Grouped bars of accuracy, macro precision, macro recall and macro-F1 for every model and ensemble.</summary>
public static class ModelComparisonPlot
{
    private static readonly string[] Scores = ["accuracy", "macro precision", "macro recall", "macro-F1"];
    private static readonly Color[] Colors = [Color.FromHex("#0072B2"), Color.FromHex("#56B4E9"), Color.FromHex("#E69F00"), Color.FromHex("#D55E00")];

    /// <summary>Draws and saves <c>NAME.png/.svg</c>; returns the PNG's path.</summary>
    public static string Save(IReadOnlyList<Evaluation> evaluations, string folder, string name = "model-comparison", string? title = null)
    {
        var plot = Figure.Create(title ?? "Models compared on the test split");
        double group = Scores.Length + 1;
        var bars = new List<Bar>();
        for (int m = 0; m < evaluations.Count; m++)
        {
            var r = evaluations[m].Report;
            double[] values = [r.Accuracy, r.Macro.Precision, r.Macro.Recall, r.Macro.F1];
            for (int s = 0; s < values.Length; s++)
                bars.Add(new Bar { Position = m * group + s, Value = values[s], FillColor = Colors[s], Label = values[s].ToString("0.000") });
        }
        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 9;
        plotted.ValueLabelStyle.Rotation = -90;
        double[] centres = Enumerable.Range(0, evaluations.Count).Select(m => m * group + (Scores.Length - 1) / 2.0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(centres, evaluations.Select(e => e.Model).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Right.MinimumSize = 110; // room for the last model's slanted name
        double lowest = evaluations.SelectMany(e => new[] { e.Report.Accuracy, e.Report.Macro.Precision, e.Report.Macro.Recall, e.Report.Macro.F1 }).DefaultIfEmpty(0).Min();
        // Headroom above the bars for their values and for the legend.
        plot.Axes.SetLimitsY(Math.Max(0, Math.Floor((lowest - 0.05) * 10) / 10), 1.12);
        plot.YLabel("score");
        for (int s = 0; s < Scores.Length; s++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = Scores[s], FillColor = Colors[s] });
        plot.Legend.Alignment = Alignment.UpperCenter;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend();
        return Figure.Save(plot, folder, name, Math.Max(Figure.Width, 110 * evaluations.Count + 200), Figure.Height);
    }
}
