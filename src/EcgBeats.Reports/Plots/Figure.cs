using ScottPlot;

namespace EcgBeats.Reports.Plots;

/// <summary>Saving figures: every figure goes out as PNG (for pages and papers) and SVG (for editing), atomically.</summary>
public static class Figure
{
    /// <summary>Default size, pixels.</summary>
    public const int Width = 900, Height = 560;

    /// <summary>Colour-blind-safe class colours (Okabe-Ito): N, S, V, F, Q.</summary>
    public static readonly Color[] ClassColors =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
    ];

    /// <summary>A fresh plot with EcgBeats' font sizes.</summary>
    public static Plot Create(string title)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.Axes.Title.Label.FontSize = 18;
        plot.Axes.Bottom.Label.FontSize = 15;
        plot.Axes.Left.Label.FontSize = 15;
        return plot;
    }

    /// <summary>Writes <c>name.png</c> and <c>name.svg</c> into <paramref name="folder"/>; returns the PNG's path.</summary>
    public static string Save(Plot plot, string folder, string name, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(folder);
        string png = Path.Combine(folder, name + ".png");
        string svg = Path.Combine(folder, name + ".svg");
        string tempPng = png + ".tmp.png", tempSvg = svg + ".tmp.svg";
        plot.SavePng(tempPng, width, height);
        plot.SaveSvg(tempSvg, width, height);
        File.Move(tempPng, png, overwrite: true);
        File.Move(tempSvg, svg, overwrite: true);
        return png;
    }
}
