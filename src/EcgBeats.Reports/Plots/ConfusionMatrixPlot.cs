using EcgBeats.Metrics;
using ScottPlot;
using EcgBeats.Protocols;

namespace EcgBeats.Reports.Plots;

/// <summary>A confusion-matrix heat map: colour = share of the true class (row), text = count and percentage.</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Draws and saves <c>confusion-MODEL.png/.svg</c>; returns the PNG's path.</summary>
    public static string Save(Evaluation evaluation, string folder)
    {
        var names = evaluation.Report.Classes.Select(c => c.Name).ToArray();
        int k = names.Length;
        double[][] share = evaluation.RowNormalised();
        // ScottPlot's heat map puts row 0 at the top.
        var values = new double[k, k];
        for (int t = 0; t < k; t++)
            for (int p = 0; p < k; p++)
                values[t, p] = share[t][p];
        var plot = Figure.Create($"{evaluation.Model}: confusion matrix, {evaluation.Report.Total:N0} beats\n(colour: share of the true class)");
        var map = plot.Add.Heatmap(values);
        map.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues()); // dark = most beats
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map);
        for (int t = 0; t < k; t++)
            for (int p = 0; p < k; p++)
            {
                var label = plot.Add.Text($"{evaluation.ConfusionMatrix[t][p]:N0}\n{share[t][p] * 100:0.0}%", p, k - 1 - t);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = 13;
                label.LabelFontColor = share[t][p] > 0.5 ? Colors.White : Colors.Black;
            }
        double[] positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names.Reverse().ToArray());
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        return Figure.Save(plot, folder, "confusion-" + evaluation.Model, 760, 640);
    }
}
