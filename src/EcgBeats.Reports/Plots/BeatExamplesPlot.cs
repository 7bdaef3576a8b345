using EcgBeats.Datasets;
using ScottPlot;
using EcgBeats.Beats;

namespace EcgBeats.Reports.Plots;

/// <summary>
/// Example beats of each class, several per class overlaid, one band per class (stacked from N at
/// the top), time in seconds at the representation's rate (Kaggle-layout beats: 120 Hz). Only the
/// first lead is drawn.
/// </summary>
public static class BeatExamplesPlot
{
    /// <summary>Draws up to <paramref name="perClass"/> beats of each class (seeded choice) and saves <c>beat-examples.png/.svg</c>.</summary>
    public static string Save(LabelledBeats beats, string folder, int perClass = 8, int seed = 42)
    {
        var layout = beats.Recipe?.Layout;
        double samplingFrequency = layout?.SamplingRateHz ?? 120;
        int samples = layout?.SamplesPerLead ?? beats.ValuesPerBeat;
        var names = Beats.AamiMapping.Classes.Select(c => c.ToString()).ToArray();
        var plot = Figure.Create($"Example beats, {perClass} per class");
        double[] time = Enumerable.Range(0, samples).Select(i => i / samplingFrequency).ToArray();
        var order = SeededRandom.Permutation(beats.Count, seed);
        for (int c = 0; c < names.Length; c++)
        {
            double offset = (names.Length - 1 - c) * 1.2;
            var chosen = order.Where(i => beats.Labels[i] == c).Take(perClass).ToList();
            foreach (int i in chosen)
            {
                var beat = beats.Beat(i)[..samples];
                int length = beat.Length;
                while (length > 1 && beat[length - 1] == 0) length--; // leave out the zero padding
                var line = plot.Add.Scatter(time[..length], beat[..length].ToArray().Select(v => v + offset).ToArray());
                line.Color = Figure.ClassColors[c].WithAlpha(0.7);
                line.MarkerSize = 0;
                line.LineWidth = 1.2f;
            }
            var label = plot.Add.Text($"{names[c]} ({chosen.Count})", time[^1] * 1.01, offset + 0.5);
            label.LabelFontSize = 14;
            label.LabelFontColor = Figure.ClassColors[c];
            label.LabelBold = true;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, names.Length).Select(c => (names.Length - 1 - c) * 1.2 + 0.5).ToArray(), names);
        plot.XLabel("time from the beat's start (s)");
        plot.YLabel("class (each beat normalised to [0,1])");
        plot.Axes.SetLimitsX(0, time[^1] * 1.12);
        return Figure.Save(plot, folder, "beat-examples", Figure.Width, 720);
    }
}
