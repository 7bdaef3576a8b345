using EcgBeats.Representations;
using static TorchSharp.torch;
using EcgBeats.Beats;

namespace EcgBeats.Torch.Architectures;

/// <summary>
/// How a network reads a flat beat (batch, values): the leads' samples as channels (batch, leads, samples) for its
/// morphology front, and the extra features (batch, features), which a fusion head joins after that front.
/// </summary>
/// <param name="Leads">Leads per beat.</param>
/// <param name="Samples">Samples per lead.</param>
/// <param name="FeatureIndices">The extra values after the samples the network reads (<see cref="BeatLayout.ModelFeatures"/>), by index; empty for a plain beat.</param>
/// <param name="ReadsSamples">Whether the network reads the leads' samples; false: the features alone (the samples still come first in each beat).</param>
public readonly record struct BeatInput(int Leads, int Samples, IReadOnlyList<int> FeatureIndices, bool ReadsSamples = true)
{
    /// <summary>The input of a layout: every lead, and the features models read.</summary>
    public static BeatInput Of(BeatLayout layout) => new(layout.Leads.Count, layout.SamplesPerLead, layout.ModelFeatures());

    /// <summary>The input of a layout, reading what <paramref name="inputs"/> says.</summary>
    /// <exception cref="InvalidInputException">The features alone, of a layout that has none.</exception>
    public static BeatInput Of(BeatLayout layout, NetworkInputs inputs)
    {
        var input = Of(layout);
        if (inputs == NetworkInputs.All) return input;
        if (input.Features == 0)
            throw new InvalidInputException($"--inputs features: the representation ({layout.Describe()}) has no features a network reads; use a representation with rhythm features");
        return input with { ReadsSamples = false };
    }

    /// <summary>A single lead of <paramref name="samples"/> samples and no features (the Kaggle beat).</summary>
    public static BeatInput Plain(int samples) => new(1, samples, []);

    /// <summary>Features the network reads.</summary>
    public int Features => FeatureIndices.Count;

    /// <summary>The leads' samples as channels: (batch, leads, samples).</summary>
    public Tensor Morphology(Tensor beats) =>
        beats.shape[1] == (long)Leads * Samples ? beats.view(-1, Leads, Samples) : beats.narrow(1, 0, (long)Leads * Samples).reshape(-1, Leads, Samples);

    /// <summary>The features read: (batch, features); only when <see cref="Features"/> is positive.</summary>
    public Tensor Extra(Tensor beats)
    {
        long first = (long)Leads * Samples;
        using var indices = tensor(FeatureIndices.Select(f => first + f).ToArray(), device: beats.device);
        return beats.index_select(1, indices);
    }
}

/// <summary>What of each beat a network reads (<c>TrainerOptions.Inputs</c>, <c>--inputs</c>).</summary>
public enum NetworkInputs
{
    /// <summary>Every lead's samples and the representation's features.</summary>
    All,

    /// <summary>The representation's features alone (RR intervals, rhythm, template likeness): no samples, so nothing of a patient's own waveform to learn.</summary>
    Features,
}
