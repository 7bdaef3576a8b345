using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Wfdb;

namespace EcgBeats.Representations;

/// <summary>
/// The beats Kachuee et al. describe (<see cref="Kachuee2018Segmenter"/>): MLII resampled to 125 Hz, 10-s windows scaled
/// to [0,1], R peaks found by the method itself, 1.2 median RR from each peak, zero-padded to 187. It needs no beat
/// positions: given some (reference or detected), it ignores them and cuts at the peaks it finds.
/// </summary>
/// <remarks>
/// M. Kachuee, S. Fazeli, M. Sarrafzadeh, "ECG Heartbeat Classification: A Deep Transferable Representation",
/// IEEE ICHI 2018. The paper uses lead II (MLII in MIT-BIH); records without one (MIT-BIH 102, 104) give their first signal.
/// </remarks>
public sealed class Kachuee2018Representation : IBeatRepresentation
{
    /// <summary>The representation's name in cards.</summary>
    public const string Name = "kachuee2018";

    /// <summary>The version of the code below: raise it when a record would give other values.</summary>
    public const int Version = 1;

    /// <summary>What a beat holds: 187 samples of MLII at 125 Hz.</summary>
    public static BeatLayout Layout { get; } = new([LeadRequest.Named("MLII", otherwiseFirstFree: true)], Kachuee2018Segmenter.Length,
        Kachuee2018Segmenter.TargetHz, "min-max per 10-s window to [0,1], zero-padded at the end", []);

    /// <summary>The representation with <paramref name="filter"/> applied to the lead first (none by default).</summary>
    public Kachuee2018Representation(FilterOptions? filter = null)
    {
        Recipe = new RepresentationRecipe(Name, Version,
            "Kachuee et al. 2018: resample to 125 Hz (polyphase, Kaiser), 10-s windows normalised to [0,1], R peaks = local maxima " +
            "above 0.9 (200 ms apart), T = median R-R of the window, beat = 1.2*T samples from each R peak, zero-padded to 187.",
            filter ?? new FilterOptions(), Layout);
    }

    /// <inheritdoc />
    public RepresentationRecipe Recipe { get; }

    /// <inheritdoc />
    public bool FindsOwnBeats => true;

    /// <inheritdoc />
    public UnlabelledBeats Cut(WfdbRecord record, string recordName, IReadOnlyList<long>? beatPositions, BeatCutMode mode, IReadOnlyList<int>? signals = null)
    {
        signals ??= LeadResolver.Resolve(Layout.Leads, record, recordName).Signals;
        LeadSamples.WholeHz(record.SamplingFrequency, recordName, Kachuee2018Segmenter.TargetHz);
        var windows = new Kachuee2018Segmenter().Segment(LeadSamples.Of(record, signals[0], Recipe.Filter), record.SamplingFrequency, null);
        return UnlabelledBeats.FromWindows(recordName, windows, Recipe);
    }
}
