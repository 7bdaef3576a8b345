using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Wfdb;

namespace EcgBeats.Representations;

/// <summary>
/// A beat as a new patient's record gives it: the shape of a fixed window around the beat, amplitude scaled by the
/// record's own typical QRS (not per beat, which would erase how big a beat is), how far that shape is from the record's
/// own typical beat, and its rhythm (<see cref="RrFeatures"/>: how premature it is against the record's own rate). MLII
/// always; with two leads, V1 (or the record's other lead) too.
/// </summary>
/// <remarks>
/// Each lead is band-passed (0.5-40 Hz, zero-phase Butterworth, by default) at the record's own rate; the window runs from
/// 250 ms before to 450 ms after the beat, 90 samples at 128 Hz, read from the filtered lead by linear interpolation (so
/// any sampling rate works and the window is centred on the beat to a fraction of a sample); the window's median is
/// subtracted and the values divided by the record's median QRS amplitude (peak to peak within 50 ms of each beat). The
/// beat times alone give the rhythm, so reference beats (datasets) and detected beats (annotate) are cut by one function:
/// at equal positions, equal values. Every beat is cut (the first and last take their neighbour's interval). Window values
/// beyond ±<see cref="ClipLimit"/> (artefacts many times the record's QRS) are clipped there.
/// The record's template is the sample-by-sample median of all its windows (no labels: a new record gives it too); each
/// beat's correlation with it and the RMS of their difference say how unlike the patient's usual beat it is, whatever the
/// patient's usual beat looks like.
/// The layout is the window of each lead, then the nine RR features (seconds, ratios, local variability), then for each
/// lead the template correlation and residual. The <c>-context</c> variants add the five rhythm-context features
/// (<see cref="RhythmContext"/>: is the beat early against a regular rhythm on both sides) after the RR features; they are
/// not the default, because on DS2 they lost more S beats in frequent atrial ectopy than they saved false S beats in atrial
/// fibrillation (docs/inter-patient.md, "the second declaration").
/// </remarks>
public sealed class RhythmMorphologyRepresentation : IBeatRepresentation
{
    /// <summary>The one-lead representation's name (MLII).</summary>
    public const string Name = "rhythm-morphology";

    /// <summary>The two-lead representation's name (MLII and V1, or the record's other lead).</summary>
    public const string TwoLeadName = "rhythm-morphology-2lead";

    /// <summary>The suffix of the names of the variants with the rhythm context (<see cref="RhythmContext"/>).</summary>
    public const string ContextSuffix = "-context";

    /// <summary>The version of the code below: raise it when a record would give other values.</summary>
    public const int Version = 1;

    /// <summary>The window's rate, Hz.</summary>
    public const double WindowRateHz = 128;

    /// <summary>Window samples before the beat (250 ms).</summary>
    public const int SamplesBefore = 32;

    /// <summary>Window samples per lead: 250 ms before the beat to 450 ms after it.</summary>
    public const int SamplesPerLead = 90;

    /// <summary>Half the span, around each beat, whose peak-to-peak amplitude measures the record's QRS size, seconds.</summary>
    public const double QrsHalfWidthSeconds = 0.05;

    /// <summary>Window values are clipped to ± this many record QRS amplitudes.</summary>
    public const float ClipLimit = 8;

    /// <summary>The default filter: 0.5-40 Hz band-pass (removes baseline wander, which per-record scaling would keep).</summary>
    public static FilterOptions DefaultFilter { get; } = new(FilterKind.BandPass);

    /// <summary>
    /// What a beat holds with one or two leads; with <paramref name="residual"/>, the windows are the beat minus the record's
    /// template; with <paramref name="context"/>, the rhythm-context features follow the RR features.
    /// </summary>
    public static BeatLayout LayoutFor(int leads, bool residual = false, bool context = false)
    {
        LeadRequest[] requests = leads == 1 ? [LeadRequest.Named("MLII", otherwiseFirstFree: true)]
            : [LeadRequest.Named("MLII", otherwiseFirstFree: true), LeadRequest.Named("V1", otherwiseFirstFree: true)];
        var features = RrFeatures.Names.Concat(context ? RhythmContext.Names : []).Concat(requests.SelectMany(l => new[] { $"template_corr_{l.Name}", $"template_residual_{l.Name}" })).ToList();
        return new BeatLayout(requests, SamplesPerLead, WindowRateHz,
            $"window minus its median, divided by the record's median QRS peak-to-peak amplitude, clipped to ±{ClipLimit}" +
            (residual ? ", minus the record's template (its windows' sample-by-sample median)" : ""), features);
    }

    /// <summary>Template features per lead: correlation with the record's median beat, and the RMS of the difference.</summary>
    public const int TemplateFeaturesPerLead = 2;

    /// <summary>
    /// The representation with one lead (MLII) or two (MLII and V1), and <paramref name="filter"/> (default: <see cref="DefaultFilter"/>);
    /// with <paramref name="residual"/>, each window is the beat minus the record's template (so every patient's usual beat is near 0);
    /// with <paramref name="context"/>, the <c>-context</c> variant (<see cref="RhythmContext"/>'s features too).
    /// </summary>
    public RhythmMorphologyRepresentation(int leads = 1, FilterOptions? filter = null, bool residual = false, bool context = false)
    {
        if (leads is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(leads), leads, "one or two leads");
        _residual = residual;
        _context = context;
        Recipe = new RepresentationRecipe((leads == 1 ? Name : TwoLeadName) + (context ? ContextSuffix : ""), Version,
            "rhythm + morphology: each lead filtered at its own rate; from 250 ms before to 450 ms after each beat, 90 samples at 128 Hz " +
            "(linear interpolation), minus the window's median, divided by the record's median QRS peak-to-peak amplitude (within 50 ms of " +
            "each beat), clipped to ±8; then pre-RR, post-RR, local RR (last 10 beats), record mean RR in seconds, the first three over the record mean, " +
            "pre-RR over local RR, and the coefficient of variation of the last 10 pre-RRs; " +
            (context ? "then the rhythm context of the 16 beats either side (irregularity, pre- and post-RR over its median, prematurity over irregularity, prematurity in a regular rhythm); " : "") +
            "then per lead the correlation with the record's template (sample-by-sample median of its windows) and the RMS of the difference.",
            filter ?? DefaultFilter, LayoutFor(leads, residual, context));
    }

    private readonly bool _residual;
    private readonly bool _context;

    /// <inheritdoc />
    public RepresentationRecipe Recipe { get; }

    /// <inheritdoc />
    public bool FindsOwnBeats => false;

    /// <inheritdoc />
    public UnlabelledBeats Cut(WfdbRecord record, string recordName, IReadOnlyList<long>? beatPositions, BeatCutMode mode, IReadOnlyList<int>? signals = null)
    {
        if (beatPositions is null) throw new ArgumentException("the rhythm + morphology representation needs beat positions (annotations or detected R peaks)", nameof(beatPositions));
        var layout = Recipe.Layout;
        signals ??= LeadResolver.Resolve(layout.Leads, record, recordName).Signals;
        int n = beatPositions.Count;
        if (n < 2) throw new InvalidInputException($"{recordName}: {n} beat(s); the rhythm of a beat needs at least 2");
        double fs = record.SamplingFrequency;
        float[] rhythm = RrFeatures.Compute(beatPositions, fs);

        int width = layout.ValuesPerBeat, features = layout.Features.Count;
        var values = new float[(long)n * width];
        var window = new double[SamplesPerLead];
        var sorted = new double[SamplesPerLead];
        double step = fs / WindowRateHz;
        for (int lead = 0; lead < signals.Count; lead++)
        {
            double[] x = LeadSamples.Of(record, signals[lead], Recipe.Filter);
            double scale = RecordQrsAmplitude(x, beatPositions, fs);
            if (!(scale > 0))
                throw new InvalidInputException($"{recordName}: signal {signals[lead]} has no QRS amplitude (flat around every beat); it cannot be scaled");
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < SamplesPerLead; k++)
                    window[k] = Interpolate(x, beatPositions[i] + (k - SamplesBefore) * step);
                window.CopyTo(sorted, 0);
                Array.Sort(sorted);
                double median = (sorted[SamplesPerLead / 2 - 1] + sorted[SamplesPerLead / 2]) / 2;
                var target = values.AsSpan((int)((long)i * width + lead * SamplesPerLead), SamplesPerLead);
                for (int k = 0; k < SamplesPerLead; k++) target[k] = Math.Clamp((float)((window[k] - median) / scale), -ClipLimit, ClipLimit);
            }
        }
        int rrCount = RrFeatures.Names.Count, morphology = signals.Count * SamplesPerLead;
        for (int i = 0; i < n; i++)
            rhythm.AsSpan(i * rrCount, rrCount).CopyTo(values.AsSpan((int)((long)i * width + morphology), rrCount));
        if (_context)
        {
            float[] around = RhythmContext.Compute(beatPositions, fs);
            int contextCount = RhythmContext.Names.Count;
            for (int i = 0; i < n; i++)
                around.AsSpan(i * contextCount, contextCount).CopyTo(values.AsSpan((int)((long)i * width + morphology + rrCount), contextCount));
            rrCount += contextCount;
        }
        for (int lead = 0; lead < signals.Count; lead++)
            TemplateFeatures(values, n, width, lead * SamplesPerLead, morphology + rrCount + lead * TemplateFeaturesPerLead);
        var origins = beatPositions.Select(p => new BeatOrigin(recordName, p)).ToArray();
        return new UnlabelledBeats(width, values, Recipe, origins);
    }

    /// <summary>
    /// For one lead: the record's template (the median of every beat's window, sample by sample), then for each beat the
    /// Pearson correlation of its window with the template and the RMS of their difference, written at <paramref name="at"/>.
    /// </summary>
    private void TemplateFeatures(float[] values, int n, int width, int window, int at)
    {
        var template = new double[SamplesPerLead];
        var column = new float[n];
        for (int k = 0; k < SamplesPerLead; k++)
        {
            for (int i = 0; i < n; i++) column[i] = values[(long)i * width + window + k];
            Array.Sort(column);
            template[k] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + (double)column[n / 2]) / 2;
        }
        double templateMean = template.Average();
        double templateNorm = Math.Sqrt(template.Sum(t => (t - templateMean) * (t - templateMean)));
        for (int i = 0; i < n; i++)
        {
            var beat = values.AsSpan((int)((long)i * width + window), SamplesPerLead);
            double mean = 0;
            foreach (float v in beat) mean += v;
            mean /= SamplesPerLead;
            double covariance = 0, norm = 0, residual = 0;
            for (int k = 0; k < SamplesPerLead; k++)
            {
                double d = beat[k] - mean;
                covariance += d * (template[k] - templateMean);
                norm += d * d;
                residual += (beat[k] - template[k]) * (beat[k] - template[k]);
            }
            values[(long)i * width + at] = norm > 0 && templateNorm > 0 ? (float)(covariance / (Math.Sqrt(norm) * templateNorm)) : 0f;
            values[(long)i * width + at + 1] = (float)Math.Sqrt(residual / SamplesPerLead);
            if (_residual)
                for (int k = 0; k < SamplesPerLead; k++) beat[k] = (float)(beat[k] - template[k]);
        }
    }

    /// <summary>The median, over the record's beats, of the lead's peak-to-peak amplitude within <see cref="QrsHalfWidthSeconds"/> of each beat.</summary>
    public static double RecordQrsAmplitude(double[] lead, IReadOnlyList<long> positions, double samplingFrequency)
    {
        int half = Math.Max(1, (int)Math.Round(QrsHalfWidthSeconds * samplingFrequency));
        var amplitudes = new double[positions.Count];
        for (int i = 0; i < positions.Count; i++)
        {
            long from = Math.Max(0, positions[i] - half), to = Math.Min(lead.Length - 1, positions[i] + half);
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (long t = from; t <= to; t++)
            {
                if (lead[t] < min) min = lead[t];
                if (lead[t] > max) max = lead[t];
            }
            amplitudes[i] = to >= from ? max - min : 0;
        }
        Array.Sort(amplitudes);
        int m = amplitudes.Length / 2;
        return amplitudes.Length % 2 == 1 ? amplitudes[m] : (amplitudes[m - 1] + amplitudes[m]) / 2;
    }

    /// <summary>The lead at a fractional sample position, linearly interpolated; positions outside the record take its edge value.</summary>
    private static double Interpolate(double[] x, double position)
    {
        if (position <= 0) return x[0];
        if (position >= x.Length - 1) return x[^1];
        int at = (int)position;
        double fraction = position - at;
        return x[at] + fraction * (x[at + 1] - x[at]);
    }
}
