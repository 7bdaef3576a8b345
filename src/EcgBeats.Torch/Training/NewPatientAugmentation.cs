using EcgBeats.Torch.Runtime;
using EcgBeats.Beats;
using TorchSharp;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Training;

/// <summary>
/// Changes a training batch the way a new patient's beats differ from the training patients': each lead's amplitude
/// (electrode placement, body habitus), its baseline, noise, the beat's width (heart rate, conduction), and the RR
/// features a little (another rhythm). A network that learns the patient learns these; changing them every batch asks
/// it to learn the beat instead.
/// </summary>
/// <remarks>
/// Per beat and lead: amplitude × exp(U(-ln 1.25, ln 1.25)); baseline + N(0, 0.05); noise N(0, 0.02) per sample (the
/// inter-patient cut scales each lead by its record's median QRS amplitude, so 1 is a QRS). Per batch: a time stretch of
/// U(0.95, 1.05) about the beat's centre (linear interpolation, the ends held). Every feature × (1 + N(0, 0.03)). The
/// constants were set once, not tuned; the random draws come from torch's generator, which the trainer seeds per epoch.
/// </remarks>
public static class NewPatientAugmentation
{
    /// <summary>The batch changed (a new tensor; <paramref name="batch"/> is left as it is).</summary>
    /// <param name="batch">Beats × values, laid out as <paramref name="layout"/> says (leads' samples, then features).</param>
    /// <param name="layout">The representation's layout.</param>
    public static Tensor Apply(Tensor batch, BeatLayout layout)
    {
        long n = batch.shape[0];
        int leads = layout.Leads.Count, samples = layout.SamplesPerLead, features = layout.Features.Count;
        var device = batch.device;
        var waves = batch.narrow(1, 0, leads * samples).reshape(n, leads, samples);
        // Every number through HeldScalar: an implicit Scalar may be freed by the GC while libtorch reads it.
        var amplitude = rand(n, leads, 1, device: device).Times(2).Minus(1).Times(Math.Log(1.25)).exp();
        var baseline = randn(n, leads, 1, device: device).Times(0.05);
        waves = waves * amplitude + baseline + randn(n, leads, samples, device: device).Times(0.02);
        double stretch = 0.95 + 0.1 * rand(1).item<float>();
        if (Math.Abs(stretch - 1) > 1e-3)
        {
            // Output sample j reads input position c + (j - c) / stretch, clamped to the window.
            double c = (samples - 1) / 2.0;
            using Scalar count = samples, lowest = 0, highest = samples - 1;
            var position = arange(count, device: device, dtype: ScalarType.Float32).Minus(c).Over(stretch).Plus(c).clamp(lowest, highest);
            var left = position.floor().to(ScalarType.Int64).Between(0, samples - 2);
            var weight = (position - left.to(ScalarType.Float32)).reshape(1, 1, samples);
            var a = waves.index_select(2, left);
            var b = waves.index_select(2, left.Plus(1L));
            waves = a + (b - a) * weight;
        }
        var parts = new List<Tensor> { waves.reshape(n, leads * samples) };
        if (features > 0)
            parts.Add(batch.narrow(1, leads * samples, features) * randn(n, features, device: device).Times(0.03).Plus(1.0));
        return cat(parts, 1);
    }
}
