using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.Wfdb;

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

    /// <summary>Finds and classifies the beats of a record.</summary>
    /// <param name="record">The whole record.</param>
    /// <param name="name">Its name, for messages and origins.</param>
    /// <param name="signals">The signals to read, one per lead of the representation; null to find them by name.</param>
    /// <exception cref="InvalidInputException">A missing or flat lead, NaN samples, or too few beats to classify.</exception>
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
        double[] lead = record.Physical(first);
        foreach (int s in resolved.Signals)
            if (Array.Exists(s == first ? lead : record.Physical(s), double.IsNaN))
                throw new InvalidInputException($"{name}: signal {s} holds invalid (NaN) samples");

        IReadOnlyList<long>? peaks = null;
        string foundBy = Representation.Recipe.Name + " (the representation's own R peaks)";
        if (!Representation.FindsOwnBeats)
        {
            try { peaks = _detector.Detect(lead, fs); }
            catch (ArgumentException e) // the record's rate or length is outside what the detector can search
            {
                throw new InvalidInputException($"{name}: {_detector.Name} cannot search signal {first} at {fs:0.###} Hz: {PlainMessage(e)}", e);
            }
            foundBy = _detector.Name;
            if (peaks.Count < 2)
                throw new InvalidInputException($"{name}: {peaks.Count} beat(s) found in {seconds:0.##} s of signal {first}; at least 2 are needed to cut a beat (too short, or not an ECG?)");
        }
        UnlabelledBeats beats;
        try { beats = Representation.Cut(record, name, peaks, BeatCutMode.EveryBeat, resolved.Signals); }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"{name}: cannot cut beats as {Representation.Recipe.Name} at {fs:0.###} Hz: {PlainMessage(e)}", e);
        }
        if (beats.Count == 0)
            throw new InvalidInputException($"{name}: no beats found in {seconds:0.##} s of signal {first} by {foundBy}");
        var probabilities = _classifier.Predict(beats);
        var classified = new ClassifiedBeat[beats.Count];
        for (int i = 0; i < beats.Count; i++)
            classified[i] = new ClassifiedBeat(beats.Origins![i].Sample, AamiMapping.Classes[probabilities.Predicted(i)], probabilities.Row(i).ToArray());
        return new AnnotatedRecord(name, fs, resolved.Signals, foundBy, classified, warnings);
    }

    /// <summary>An argument exception's message without .NET's "(Parameter 'x')" and "Actual value was" lines.</summary>
    private static string PlainMessage(ArgumentException e)
    {
        string message = e.Message.Split('\n')[0];
        int parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter >= 0 ? message[..parameter] : message;
    }
}
