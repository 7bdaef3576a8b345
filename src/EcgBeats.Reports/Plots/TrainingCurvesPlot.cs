using EcgBeats.Classification;
using ScottPlot;

namespace EcgBeats.Reports.Plots;

/// <summary>Training curves of a deep model: training and validation loss (left axis) and validation macro-F1 (right axis) per epoch.</summary>
public static class TrainingCurvesPlot
{
    /// <summary>Draws and saves <c>training-MODEL.png/.svg</c>; returns the PNG's path.</summary>
    public static string Save(ModelCard card, string folder)
    {
        var history = card.History ?? throw new ArgumentException($"model {card.Model} has no training history", nameof(card));
        double[] epochs = history.Select(h => (double)h.Epoch).ToArray();
        var plot = Figure.Create($"{card.Model}: training");
        var train = plot.Add.Scatter(epochs, history.Select(h => h.TrainLoss).ToArray());
        train.LegendText = "training loss";
        train.Color = Color.FromHex("#0072B2");
        var validation = plot.Add.Scatter(epochs, history.Select(h => h.ValidationLoss).ToArray());
        validation.LegendText = "validation loss";
        validation.Color = Color.FromHex("#56B4E9");
        var f1 = plot.Add.Scatter(epochs, history.Select(h => h.ValidationMacroF1).ToArray());
        f1.LegendText = "validation macro-F1 (right)";
        f1.Color = Color.FromHex("#D55E00");
        f1.Axes.YAxis = plot.Axes.Right;
        if (card.BestEpoch is { } best)
        {
            var line = plot.Add.VerticalLine(best);
            line.LineStyle.Pattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
            line.LegendText = $"kept: epoch {best}";
        }
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "macro-F1";
        plot.Axes.Right.Label.FontSize = 15;
        plot.Legend.Alignment = Alignment.MiddleRight;
        plot.ShowLegend();
        return Figure.Save(plot, folder, "training-" + card.Model);
    }
}
