using EcgBeats.Representations;
using EcgBeats.Beats;

namespace EcgBeats.MlNet;

/// <summary>
/// What the classical models read of a beat. A plain beat (one lead, no features: the Kaggle layout) is read as it is,
/// value by value. A beat with extra features (the rhythm + morphology representation) becomes a compact table: for each
/// lead, its window averaged over <see cref="Segments"/> equal stretches, the peak-to-peak amplitude, minimum and maximum
/// around the beat (the QRS, ±50 ms) and the window's energy; then the extra features models read (<see cref="BeatLayout.ModelFeatures"/>) as they are.
/// Trees and kernels do better with these few telling numbers than with 90 neighbouring samples per lead.
/// </summary>
internal sealed class FeatureTable
{
    /// <summary>Stretches each lead's window is averaged over.</summary>
    public const int Segments = 18;

    private readonly BeatLayout _layout;
    private readonly bool _plain;
    private readonly IReadOnlyList<int> _features;

    public FeatureTable(BeatLayout layout)
    {
        _layout = layout;
        _plain = layout.Features.Count == 0 && layout.Leads.Count == 1;
        _features = layout.ModelFeatures();
        Width = _plain ? layout.ValuesPerBeat : layout.Leads.Count * (Segments + 4) + _features.Count;
    }

    /// <summary>Values per row.</summary>
    public int Width { get; }

    /// <summary>The row of one beat.</summary>
    public float[] Row(ReadOnlySpan<float> beat)
    {
        if (_plain) return beat.ToArray();
        var row = new float[Width];
        int samples = _layout.SamplesPerLead, at = 0;
        // The beat's own stretch: ±50 ms around the beat, which stands at the window's SamplesBefore-th sample.
        int centre = (int)Math.Round(RhythmMorphologyRepresentation.SamplesBefore * _layout.SamplingRateHz / RhythmMorphologyRepresentation.WindowRateHz);
        int half = Math.Max(1, (int)Math.Round(RhythmMorphologyRepresentation.QrsHalfWidthSeconds * _layout.SamplingRateHz));
        for (int lead = 0; lead < _layout.Leads.Count; lead++)
        {
            var window = beat.Slice(lead * samples, samples);
            for (int s = 0; s < Segments; s++)
            {
                int from = s * samples / Segments, to = (s + 1) * samples / Segments;
                double sum = 0;
                for (int k = from; k < to; k++) sum += window[k];
                row[at++] = (float)(sum / Math.Max(1, to - from));
            }
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            for (int k = Math.Max(0, centre - half); k <= Math.Min(samples - 1, centre + half); k++)
            {
                min = Math.Min(min, window[k]);
                max = Math.Max(max, window[k]);
            }
            double energy = 0;
            foreach (float v in window) energy += (double)v * v;
            row[at++] = max - min;
            row[at++] = min;
            row[at++] = max;
            row[at++] = (float)(energy / samples);
        }
        int first = _layout.Leads.Count * samples;
        foreach (int f in _features) row[at++] = beat[first + f];
        return row;
    }
}
