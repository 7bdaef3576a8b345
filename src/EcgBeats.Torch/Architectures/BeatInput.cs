using EcgBeats.Representations;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Architectures;

/// <summary>
/// How a network reads a flat beat (batch, values): the leads' samples as channels (batch, leads, samples) for its
/// morphology front, and the extra features (batch, features), which a fusion head joins after that front.
/// </summary>
/// <param name="Leads">Leads per beat.</param>
/// <param name="Samples">Samples per lead.</param>
/// <param name="Features">Extra values after the samples (e.g. RR features); 0 for a plain beat.</param>
public readonly record struct BeatInput(int Leads, int Samples, int Features)
{
    /// <summary>The input of a layout.</summary>
    public static BeatInput Of(BeatLayout layout) => new(layout.Leads.Count, layout.SamplesPerLead, layout.Features.Count);

    /// <summary>A single lead of <paramref name="samples"/> samples and no features (the Kaggle beat).</summary>
    public static BeatInput Plain(int samples) => new(1, samples, 0);

    /// <summary>The leads' samples as channels: (batch, leads, samples).</summary>
    public Tensor Morphology(Tensor beats) =>
        Features == 0 ? beats.view(-1, Leads, Samples) : beats.narrow(1, 0, (long)Leads * Samples).reshape(-1, Leads, Samples);

    /// <summary>The features: (batch, features); only when <see cref="Features"/> is positive.</summary>
    public Tensor Extra(Tensor beats) => beats.narrow(1, (long)Leads * Samples, Features);
}
