using EcgBeats.Representations;
using EcgBeats.Torch.Training;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Tests;

/// <summary><see cref="NewPatientAugmentation"/>: what it changes, by how much, and that a seed repeats it.</summary>
public sealed class NewPatientAugmentationTests
{
    private static readonly EcgBeats.Beats.BeatLayout Layout = new RhythmMorphologyRepresentation(2).Recipe.Layout;

    /// <summary>A batch whose every lead is a flat line at 1 and every feature is 2.</summary>
    private static Tensor Batch(int n)
    {
        int waves = Layout.Leads.Count * Layout.SamplesPerLead;
        var values = new float[n * Layout.ValuesPerBeat];
        for (int b = 0; b < n; b++)
            for (int v = 0; v < Layout.ValuesPerBeat; v++) values[b * Layout.ValuesPerBeat + v] = v < waves ? 1 : 2;
        return tensor(values, [n, Layout.ValuesPerBeat]);
    }

    [Fact]
    public void EachLeadIsScaledShiftedAndNoisedWithinItsBoundsAndTheFeaturesBarely()
    {
        manual_seed(5);
        using var batch = Batch(2000);
        using var changed = NewPatientAugmentation.Apply(batch, Layout);
        Assert.Equal(batch.shape, changed.shape);
        Assert.Equal(1f, batch[0, 0].item<float>()); // the input is left as it was
        int waves = Layout.Leads.Count * Layout.SamplesPerLead;
        using var leads = changed.narrow(1, 0, waves).reshape(2000, Layout.Leads.Count, Layout.SamplesPerLead);
        // A flat line stays flat under the stretch: each lead's mean is its amplitude (0.8-1.25) plus its shift (sd 0.05).
        float[] means = leads.mean([2]).data<float>().ToArray();
        Assert.All(means, m => Assert.InRange(m, 0.8 - 0.3, 1.25 + 0.3));
        Assert.True(means.Min() < 0.85 && means.Max() > 1.2, $"amplitudes span {means.Min()}-{means.Max()}");
        // Within a lead, only the noise (sd 0.02) varies the samples.
        double spread = leads.std([2]).mean().item<float>();
        Assert.InRange(spread, 0.015, 0.025);
        // Features x (1 + N(0, 0.03)): from 2, sd 0.06.
        using var features = changed.narrow(1, waves, Layout.Features.Count);
        Assert.InRange(features.mean().item<float>(), 1.99, 2.01);
        Assert.InRange(features.std().item<float>(), 0.05, 0.07);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatch()
    {
        using var batch = Batch(64);
        manual_seed(9);
        using var first = NewPatientAugmentation.Apply(batch, Layout);
        manual_seed(9);
        using var second = NewPatientAugmentation.Apply(batch, Layout);
        manual_seed(10);
        using var other = NewPatientAugmentation.Apply(batch, Layout);
        Assert.True(first.allclose(second, 0, 0));
        Assert.False(first.allclose(other, 0, 0));
    }
}
