using ScottPlot;

namespace EcgBeats.Reports.Plots;

/// <summary>Beats per class before and after balancing, on a log scale (N outnumbers F a hundred to one).</summary>
public static class ClassDistributionPlot
{
    /// <summary>Draws and saves <c>class-distribution.png/.svg</c>; each series is beats per class N, S, V, F, Q.</summary>
    public static string Save(IReadOnlyList<(string Name, int[] Counts)> series, string folder)
    {
        var names = Beats.AamiMapping.Classes.Select(c => c.ToString()).ToArray();
        var colors = new[] { Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73") };
        var plot = Figure.Create("Beats per class");
        double group = series.Count + 1;
        var bars = new List<Bar>();
        for (int s = 0; s < series.Count; s++)
            for (int c = 0; c < names.Length; c++)
            {
                int count = series[s].Counts[c];
                bars.Add(new Bar
                {
                    Position = c * group + s,
                    Value = Math.Log10(Math.Max(1, count)),
                    FillColor = colors[s % colors.Length],
                    Label = count.ToString("N0"),
                });
            }
        var plotted = plot.Add.Bars(bars);
        plotted.ValueLabelStyle.FontSize = 11;
        double[] centres = Enumerable.Range(0, names.Length).Select(c => c * group + (series.Count - 1) / 2.0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(centres, names);
        double top = Math.Ceiling(bars.Max(b => b.Value) + 0.6); // headroom for the values and the legend
        double[] decades = Enumerable.Range(0, (int)top + 1).Select(d => (double)d).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(decades, decades.Select(d => Math.Pow(10, d).ToString("N0")).ToArray());
        plot.Axes.SetLimitsY(0, top);
        plot.XLabel("class");
        plot.YLabel("beats (log scale)");
        for (int s = 0; s < series.Count; s++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = colors[s % colors.Length] });
        plot.Legend.Alignment = Alignment.UpperCenter;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend();
        return Figure.Save(plot, folder, "class-distribution");
    }
}
