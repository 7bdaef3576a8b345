using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Classification;

/// <summary>One detected and classified beat of a record.</summary>
/// <param name="Sample">Its position, in samples at the record's own rate.</param>
/// <param name="Class">The class the model gives it.</param>
/// <param name="Probabilities">The model's probability of each class (N, S, V, F, Q).</param>
public sealed record ClassifiedBeat(long Sample, AamiClass Class, float[] Probabilities);

/// <summary>The beats of one record, found and classified.</summary>
/// <param name="Record">The record's name.</param>
/// <param name="SamplingFrequency">The record's sampling frequency, Hz (beat samples are at this rate).</param>
/// <param name="Signals">The record's signals read, one per lead of the model's representation (the first is where beats were found).</param>
/// <param name="BeatsFoundBy">What placed the beats: the QRS detector, or the representation itself.</param>
/// <param name="Beats">Every beat, in time order.</param>
/// <param name="Warnings">What the user should know (a lead clipped at its limits, another signal standing in for a lead).</param>
public sealed record AnnotatedRecord(string Record, double SamplingFrequency, IReadOnlyList<int> Signals, string BeatsFoundBy,
    IReadOnlyList<ClassifiedBeat> Beats, IReadOnlyList<string> Warnings)
{
    /// <summary>The beats as WFDB annotations: one beat annotation each, coded with its AAMI class symbol (N, S, V, F, Q), <c>chan</c> = the signal the beats were found in.</summary>
    public IReadOnlyList<Annotation> ToAnnotations() =>
        Beats.Select(b => new Annotation(b.Sample, AnnotationCodes.Code(b.Class.ToString()), Channel: Signals[0])).ToList();
}

/// <summary>
/// Classifies a whole record nobody has annotated: finds its beats with a QRS detector, cuts each beat exactly as
/// the model's training beats were cut (the representation its card names), and classifies them.
/// </summary>
/// <remarks>
/// The cut is the model's own representation (<see cref="BeatRepresentations.For"/>): a model trained on
/// Kaggle-faithful beats gets Kaggle-faithful beats, one trained on Kachuee et al.'s gets theirs (that cut finds its
/// own R peaks, so the detector is not used). Leads are found by the names the representation asks for, unless
/// signals are given. Every beat found is classified: the Kaggle cut's last beat is cut as if the rhythm went on.
/// </remarks>
public sealed class RecordAnnotator
{
    private readonly IQrsDetector _detector;
    private readonly IBeatClassifier _classifier;

    /// <summary>An annotator that finds beats with <paramref name="detector"/> (Pan-Tompkins by default) and labels them with <paramref name="classifier"/>.</summary>
    /// <exception cref="InvalidInputException">This version of EcgBeats cannot cut the beats the model was trained on.</exception>
    public RecordAnnotator(IBeatClassifier classifier, IQrsDetector? detector = null)
    {
        _classifier = classifier;
        _detector = detector ?? new PanTompkins1985Detector();
        Representation = BeatRepresentations.For(classifier.Card.Representation);
    }

    /// <summary>The cut the model needs, rebuilt from its card.</summary>
    public IBeatRepresentation Representation { get; }

    /// <summary>
    /// The shortest stretch between gaps (invalid samples) that is annotated, seconds: its own mean RR, QRS amplitude and
    /// template are the "record" its beats are measured against, so it needs beats to average over.
    /// </summary>
    public const double MinimumStretchSeconds = 10;

    /// <summary>Finds and classifies the beats of a record.</summary>
    /// <param name="record">The whole record.</param>
    /// <param name="name">Its name, for messages and origins.</param>
    /// <param name="signals">The signals to read, one per lead of the representation; null to find them by name.</param>
    /// <remarks>
    /// A record with gaps (samples WFDB marks invalid, NaN in physical units, in any lead read) is annotated stretch by
    /// stretch: each run of valid samples at least <see cref="MinimumStretchSeconds"/> long is filtered, searched and cut on
    /// its own, as a record of its own (no RR interval spans a gap, no filter runs across one); shorter runs are left out,
    /// and a warning names every gap and every stretch left out. No beat is placed in a gap.
    /// </remarks>
    /// <exception cref="InvalidInputException">A missing or flat lead, no stretch long enough, or too few beats to classify.</exception>
    public AnnotatedRecord Annotate(WfdbRecord record, string name, IReadOnlyList<int>? signals = null)
    {
        var leads = Representation.Recipe.Layout.Leads;
        var resolved = signals is null ? LeadResolver.Resolve(leads, record.Header, name) : LeadResolver.Check(signals, leads, record.Header, name);
        var warnings = new List<string>(resolved.Notes);
        foreach (int s in resolved.Signals)
            warnings.AddRange(LeadCheck.Inspect(record.Adc[s], record.Header.Signals[s].Description, name, record.SamplingFrequency).Warnings);

        int first = resolved.Signals[0];
        double fs = record.SamplingFrequency;
        double seconds = record.Length / fs;
        if (record.Length < PanTompkins1985Detector.MinimumSeconds * fs)
            throw new InvalidInputException($"{name}: the record is {seconds:0.###} s long, too short to hold a beat (at least {PanTompkins1985Detector.MinimumSeconds} s is needed)");

        if (Array.Exists(record.Adc, a => a.Length != record.Length)) // signals at their own rates: no common sample index to split at
        {
            foreach (int s in resolved.Signals)
                if (Array.IndexOf(record.Adc[s], SignalCodecs.InvalidSample) >= 0)
                    throw new InvalidInputException($"{name}: signal {s} holds invalid samples (gaps), and the record's signals are held at different rates; read it at one rate to annotate it stretch by stretch");
            var (whole, by) = AnnotateStretch(record, name, resolved.Signals, 0);
            return new AnnotatedRecord(name, fs, resolved.Signals, by, whole, warnings);
        }
        var stretches = ValidStretches(record, resolved.Signals);
        if (stretches.Count == 1 && stretches[0] == (0, record.Length))
        {
            var (beats, foundBy) = AnnotateStretch(record, name, resolved.Signals, 0);
            return new AnnotatedRecord(name, fs, resolved.Signals, foundBy, beats, warnings);
        }

        long shortest = (long)Math.Ceiling(MinimumStretchSeconds * fs);
        var all = new List<ClassifiedBeat>();
        string found = _detector.Name;
        long previousEnd = 0;
        foreach (var (from, to) in stretches.Append((record.Length, record.Length)))
        {
            if (from > previousEnd)
                warnings.Add($"{name}: samples {previousEnd}-{from - 1} ({(from - previousEnd) / fs:0.###} s) are invalid (a gap) in signal(s) {string.Join(", ", resolved.Signals)}; no beats there");
            previousEnd = to;
            if (to == from) continue;
            if (to - from < shortest)
            {
                warnings.Add($"{name}: samples {from}-{to - 1} ({(to - from) / fs:0.###} s between gaps) left out: a stretch needs at least {MinimumStretchSeconds} s to be annotated");
                continue;
            }
            var stretch = Slice(record, from, to);
            try
            {
                var (beats, foundBy) = AnnotateStretch(stretch, name, resolved.Signals, from);
                all.AddRange(beats);
                found = foundBy;
            }
            catch (InvalidInputException e)
            {
                warnings.Add($"{name}: samples {from}-{to - 1} left out: {e.Message}");
            }
        }
        if (all.Count == 0)
        {
            double longest = stretches.Count == 0 ? 0 : stretches.Max(r => r.To - r.From) / fs;
            throw new InvalidInputException($"{name}: no beats: signal(s) {string.Join(", ", resolved.Signals)} hold invalid samples (gaps), and none of the " +
                $"{stretches.Count} stretch(es) between them gave beats (the longest is {longest:0.###} s; a stretch needs at least {MinimumStretchSeconds} s and 2 beats)");
        }
        return new AnnotatedRecord(name, fs, resolved.Signals, found, all, warnings);
    }

    /// <summary>Detects, cuts and classifies the beats of a gap-free record (or stretch, whose first sample is <paramref name="offset"/> of the record).</summary>
    private (ClassifiedBeat[] Beats, string FoundBy) AnnotateStretch(WfdbRecord record, string name, IReadOnlyList<int> signals, long offset)
    {
        int first = signals[0];
        double fs = record.SamplingFrequency;
        double seconds = record.Length / fs;
        string where = offset == 0 && record.Length > 0 ? "" : $" (samples {offset}-{offset + record.Length - 1})";
        IReadOnlyList<long>? peaks = null;
        string foundBy = Representation.Recipe.Name + " (the representation's own R peaks)";
        if (!Representation.FindsOwnBeats)
        {
            try { peaks = _detector.Detect(record.Physical(first), fs); }
            catch (ArgumentException e) // the record's rate or length is outside what the detector can search
            {
                throw new InvalidInputException($"{name}: {_detector.Name} cannot search signal {first}{where} at {fs:0.###} Hz: {PlainMessage(e)}", e);
            }
            foundBy = _detector.Name;
            if (peaks.Count < 2)
                throw new InvalidInputException($"{name}: {peaks.Count} beat(s) found in {seconds:0.##} s of signal {first}{where}; at least 2 are needed to cut a beat (too short, or not an ECG?)");
        }
        UnlabelledBeats beats;
        try { beats = Representation.Cut(record, name, peaks, BeatCutMode.EveryBeat, signals); }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"{name}: cannot cut beats as {Representation.Recipe.Name} at {fs:0.###} Hz{where}: {PlainMessage(e)}", e);
        }
        if (beats.Count == 0)
            throw new InvalidInputException($"{name}: no beats found in {seconds:0.##} s of signal {first}{where} by {foundBy}");
        var probabilities = _classifier.Predict(beats);
        var classified = new ClassifiedBeat[beats.Count];
        for (int i = 0; i < beats.Count; i++)
            classified[i] = new ClassifiedBeat(offset + beats.Origins![i].Sample, AamiMapping.Classes[probabilities.Predicted(i)], probabilities.Row(i).ToArray());
        return (classified, foundBy);
    }

    /// <summary>The runs <c>[from, to)</c> of samples valid in every one of <paramref name="signals"/>, in order.</summary>
    internal static List<(long From, long To)> ValidStretches(WfdbRecord record, IReadOnlyList<int> signals)
    {
        var runs = new List<(long, long)>();
        long start = -1;
        for (long t = 0; t < record.Length; t++)
        {
            bool valid = true;
            foreach (int s in signals)
                if (record.Adc[s][t] == SignalCodecs.InvalidSample) { valid = false; break; }
            if (valid && start < 0) start = t;
            else if (!valid && start >= 0) { runs.Add((start, t)); start = -1; }
        }
        if (start >= 0) runs.Add((start, record.Length));
        return runs;
    }

    /// <summary>Samples <c>[from, to)</c> of every signal, as a record of their own (one sample per frame).</summary>
    private static WfdbRecord Slice(WfdbRecord record, long from, long to) =>
        new(record.Header, record.Start + from, record.Adc.Select(a => a[(int)from..(int)to]).ToArray(), record.Rate);

    /// <summary>An argument exception's message without .NET's "(Parameter 'x')" and "Actual value was" lines.</summary>
    private static string PlainMessage(ArgumentException e)
    {
        string message = e.Message.Split('\n')[0];
        int parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter >= 0 ? message[..parameter] : message;
    }
}
