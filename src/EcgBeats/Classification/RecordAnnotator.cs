using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.Wfdb;

namespace EcgBeats.Classification;

/// <summary>One detected and classified beat of a record.</summary>
/// <param name="Sample">Its R peak, in samples at the record's own rate.</param>
/// <param name="Class">The class the model gives it.</param>
/// <param name="Probabilities">The model's probability of each class (N, S, V, F, Q).</param>
public sealed record ClassifiedBeat(long Sample, AamiClass Class, float[] Probabilities);

/// <summary>The beats of one record, found and classified.</summary>
/// <param name="Record">The record's name.</param>
/// <param name="SamplingFrequency">The record's sampling frequency, Hz (beat samples are at this rate).</param>
/// <param name="Channel">The lead analysed (0-based).</param>
/// <param name="Beats">Every detected beat, in time order.</param>
/// <param name="Warnings">What the user should know about the lead (saturation, for example).</param>
public sealed record AnnotatedRecord(string Record, double SamplingFrequency, int Channel, IReadOnlyList<ClassifiedBeat> Beats, IReadOnlyList<string> Warnings)
{
    /// <summary>The beats as WFDB annotations: one beat annotation each, coded with its AAMI class symbol (N, S, V, F, Q).</summary>
    public IReadOnlyList<Annotation> ToAnnotations() =>
        Beats.Select(b => new Annotation(b.Sample, AnnotationCodes.Code(b.Class.ToString()), Channel: Channel)).ToList();
}

/// <summary>
/// Classifies a whole record nobody has annotated: finds its beats with a QRS detector, cuts each
/// beat exactly as the dataset builder cut the training beats, and classifies them with a saved model.
/// </summary>
/// <remarks>
/// The cut is <see cref="KaggleMitBihSegmenter"/>'s, on the raw lead resampled to the 360 Hz it was
/// designed for: from the R peak to 20% into the interval after the next beat, every third sample,
/// min-max normalised, zero-padded to 187. Detected peaks stand where the reference annotations stood.
/// The dataset drops each record's last beat (nothing after it ends its window); here the last beat is
/// cut as if the rhythm went on: the interval before it stands in for the two after it.
/// </remarks>
public sealed class RecordAnnotator
{
    /// <summary>The rate the beat cut works at, Hz (MIT-BIH's).</summary>
    public const int SegmenterRate = 360;

    private readonly IQrsDetector _detector;
    private readonly IBeatClassifier _classifier;

    /// <summary>An annotator that finds beats with <paramref name="detector"/> and labels them with <paramref name="classifier"/>.</summary>
    public RecordAnnotator(IBeatClassifier classifier, IQrsDetector? detector = null)
    {
        _classifier = classifier;
        _detector = detector ?? new PanTompkins1985Detector();
        if (classifier.Card.BeatLength != KaggleMitBihSegmenter.Length)
            throw new InvalidInputException($"model '{classifier.Name}' expects {classifier.Card.BeatLength}-value beats; record annotation cuts {KaggleMitBihSegmenter.Length}");
    }

    /// <summary>Finds and classifies the beats of one lead of a record.</summary>
    /// <exception cref="InvalidInputException">No such lead, a flat lead, or too few beats to classify.</exception>
    public AnnotatedRecord Annotate(WfdbRecord record, string name, int channel = 0)
    {
        if (channel < 0 || channel >= record.Header.SignalCount)
            throw new InvalidInputException($"{name}: no signal {channel} (the record has {record.Header.SignalCount}: {string.Join(", ", record.Header.Signals.Select((s, i) => $"{i} {s.Description}"))})");
        var lead = LeadCheck.Inspect(record.Adc[channel], record.Header.Signals[channel].Description, name, record.SamplingFrequency);
        return Annotate(record.Physical(channel), record.SamplingFrequency, name, channel, lead.Warnings);
    }

    /// <summary>Finds and classifies the beats of a lead.</summary>
    /// <param name="lead">The lead, mV (any units work: beats are normalised), NaN-free.</param>
    /// <param name="samplingFrequency">Its rate, Hz; a whole number when it is not 360.</param>
    /// <param name="name">The record's name, for messages.</param>
    /// <param name="channel">Which lead of the record it is, for the annotations' chan field.</param>
    /// <param name="warnings">Warnings found earlier, carried into the result.</param>
    /// <exception cref="InvalidInputException">A flat lead, or too few beats to classify.</exception>
    public AnnotatedRecord Annotate(double[] lead, double samplingFrequency, string name, int channel = 0, IReadOnlyList<string>? warnings = null)
    {
        double seconds = lead.Length / samplingFrequency;
        if (lead.Length < PanTompkins1985Detector.MinimumSeconds * samplingFrequency)
            throw new InvalidInputException($"{name}: the record is {seconds:0.###} s long, too short to hold a beat (at least {PanTompkins1985Detector.MinimumSeconds} s is needed)");
        if (Array.Exists(lead, double.IsNaN))
            throw new InvalidInputException($"{name}: lead {channel} holds NaN samples");
        if (lead.Max() == lead.Min())
            throw new InvalidInputException($"{name}: lead {channel} is flat (every sample is {lead[0]}): no beats to find");

        var peaks = _detector.Detect(lead, samplingFrequency);
        if (peaks.Count < 2)
            throw new InvalidInputException($"{name}: {peaks.Count} beat(s) found in {seconds:0.##} s of lead {channel}; at least 2 are needed to cut a beat (too short, or not an ECG?)");

        var beats = Cut(lead, samplingFrequency, peaks);
        var probabilities = _classifier.Predict(beats);
        var classified = new ClassifiedBeat[peaks.Count];
        for (int i = 0; i < peaks.Count; i++)
            classified[i] = new ClassifiedBeat(peaks[i], AamiMapping.Classes[probabilities.Predicted(i)], probabilities.Row(i).ToArray());
        return new AnnotatedRecord(name, samplingFrequency, channel, classified, warnings ?? []);
    }

    /// <summary>
    /// Cuts one 187-value beat per peak, as the dataset builder does (at 360 Hz; other rates are resampled first).
    /// </summary>
    /// <param name="lead">The lead, any units.</param>
    /// <param name="samplingFrequency">Its rate, Hz.</param>
    /// <param name="peaks">R peaks in samples at that rate, ascending, at least 2.</param>
    /// <returns>Beats of 187 values in [0,1], one per peak, in order (labels all 0).</returns>
    public static BeatSet Cut(double[] lead, double samplingFrequency, IReadOnlyList<long> peaks)
    {
        if (peaks.Count < 2) throw new ArgumentException("at least 2 peaks are needed", nameof(peaks));
        double[] x = lead;
        double scale = 1;
        if (samplingFrequency != SegmenterRate)
        {
            if (samplingFrequency != Math.Round(samplingFrequency))
                throw new InvalidInputException($"sampling frequency {samplingFrequency} Hz: resampling to {SegmenterRate} Hz needs a whole number of Hz");
            x = new PolyphaseResampler((int)samplingFrequency, SegmenterRate).Apply(lead);
            scale = SegmenterRate / samplingFrequency;
        }
        var positions = peaks.Select(p => Math.Min(x.Length - 1, (long)Math.Round(p * scale))).ToList();
        // Two beats beyond the last, one RR apart, so the last real beat's window ends as if the rhythm went on;
        // the segmenter then cuts every real beat (its last window, the first made-up beat's, is dropped).
        long rr = positions[^1] - positions[^2];
        positions.Add(positions[^1] + rr);
        positions.Add(positions[^1] + rr);
        var windows = new KaggleMitBihSegmenter().Segment(x, SegmenterRate, positions);

        int length = KaggleMitBihSegmenter.Length;
        var values = new float[peaks.Count * length];
        for (int i = 0; i < peaks.Count; i++)
        {
            // Positions are at least a refractory period apart, so no real beat's window is empty and none is skipped.
            if (i >= windows.Count || windows[i].Sample != positions[i]) throw new InvalidOperationException($"beat {i} at {positions[i]} was not cut");
            windows[i].Values.CopyTo(values, i * length);
        }
        return new BeatSet(length, values, new int[peaks.Count]);
    }
}
