using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Wfdb;

namespace EcgBeats.Representations;

/// <summary>
/// The Kaggle MIT-BIH beats (<see cref="KaggleMitBihSegmenter"/>): the record's first signal, from each beat to 20% into
/// the interval after the next, every third sample of 360 Hz (so 120 Hz), min-max scaled per beat, zero-padded to 187.
/// </summary>
/// <remarks>
/// The first signal, not MLII by name: that is what the Kaggle files were cut from. Record 114 stores V5 first and MLII
/// second, and row 7 of the real <c>mitbih_train.csv</c> is a beat of 114 cut from V5 (difference 0; from MLII it would not
/// match). Records 102 and 104 have no MLII at all. Records at another rate are resampled to 360 Hz first
/// (<see cref="PolyphaseResampler"/>) and their beat positions moved with them.
/// </remarks>
public sealed class KaggleMitBihRepresentation : IBeatRepresentation
{
    /// <summary>The representation's name in cards.</summary>
    public const string Name = "kaggle-mitbih";

    /// <summary>The version of the code below: raise it when a record would give other values.</summary>
    public const int Version = 1;

    /// <summary>The rate the cut works at (MIT-BIH's), Hz.</summary>
    public const int CutRate = 360;

    /// <summary>What a beat holds: 187 samples of the first signal at 120 Hz.</summary>
    public static BeatLayout Layout { get; } = new([LeadRequest.FirstSignal], KaggleMitBihSegmenter.Length,
        CutRate / (double)KaggleMitBihSegmenter.Step, "min-max per beat to [0,1] over the cut part, zero-padded at the end", []);

    /// <summary>The representation with <paramref name="filter"/> applied to the lead first (none, as Kaggle, by default).</summary>
    public KaggleMitBihRepresentation(FilterOptions? filter = null)
    {
        Recipe = new RepresentationRecipe(Name, Version,
            "Kaggle-faithful: from each beat p = b[i] to b[i+1] + (int)(0.2*(b[i+2]-b[i+1])) at 360 Hz (second-to-last beat of a dataset: " +
            "0.2 of the rest of the record; last beat: dropped from datasets, cut as if the rhythm went on when annotating), every 3rd sample " +
            "(no anti-alias filter), min-max normalised over the segment (cut to 187 first when longer), zero-padded to 187; other rates resampled to 360 Hz first.",
            filter ?? new FilterOptions(), Layout);
    }

    /// <inheritdoc />
    public RepresentationRecipe Recipe { get; }

    /// <inheritdoc />
    public bool FindsOwnBeats => false;

    /// <inheritdoc />
    public UnlabelledBeats Cut(WfdbRecord record, string recordName, IReadOnlyList<long>? beatPositions, BeatCutMode mode, IReadOnlyList<int>? signals = null)
    {
        if (beatPositions is null) throw new ArgumentException("the Kaggle-faithful cut needs beat positions (annotations or detected R peaks)", nameof(beatPositions));
        signals ??= LeadResolver.Resolve(Layout.Leads, record, recordName).Signals;
        double[] x = LeadSamples.Of(record, signals[0], Recipe.Filter);
        double scale = 1;
        if (record.SamplingFrequency != CutRate)
        {
            int fromHz = LeadSamples.WholeHz(record.SamplingFrequency, recordName, CutRate);
            x = new PolyphaseResampler(fromHz, CutRate).Apply(x);
            scale = CutRate / record.SamplingFrequency;
        }
        var positions = beatPositions.Select(p => scale == 1 ? p : Math.Min(x.Length - 1, (long)Math.Round(p * scale))).ToList();
        int real = positions.Count;
        if (mode == BeatCutMode.EveryBeat && real >= 2)
        {
            // Two beats beyond the last, one RR apart: the last real beat's window ends as if the rhythm went on, and the
            // segmenter then cuts every real beat (the first made-up beat is the last it cuts; it is dropped below).
            long rr = positions[^1] - positions[^2];
            positions.Add(positions[^1] + rr);
            positions.Add(positions[^1] + rr);
        }
        var windows = new KaggleMitBihSegmenter().Segment(x, CutRate, positions);

        // Windows come in position order; keep those cut at a real beat, placed where the record has it (its own rate).
        var kept = new List<BeatWindow>(windows.Count);
        int next = 0;
        foreach (var window in windows)
        {
            while (next < real && positions[next] < window.Sample) next++;
            if (next < real && positions[next] == window.Sample) kept.Add(window with { Sample = beatPositions[next++] });
        }
        if (mode == BeatCutMode.EveryBeat && real >= 2 && kept.Count != real)
            throw new InvalidOperationException($"{recordName}: {real - kept.Count} of {real} beats were not cut");
        return UnlabelledBeats.FromWindows(recordName, kept, Recipe);
    }
}
