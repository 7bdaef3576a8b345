using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;
using EcgBeats.Classification;
using EcgBeats.Rhythms;

namespace EcgBeats.Annotators;

/// <summary>One detected and classified beat of a record.</summary>
/// <param name="Sample">Its position, in samples at the record's own rate.</param>
/// <param name="Class">The class the model gives it.</param>
/// <param name="Probabilities">The model's probability of each class (N, S, V, F, Q), as the model gave them (before <see cref="RhythmGate"/>).</param>
/// <param name="Rhythm">The rhythm the beat is in (<see cref="AtrialFibrillationDetector"/>); <see cref="Rhythm.Other"/> when rhythm detection is off.</param>
public sealed record ClassifiedBeat(long Sample, AamiClass Class, float[] Probabilities, Rhythm Rhythm = Rhythm.Other);

/// <summary>The beats of one record, found and classified.</summary>
/// <param name="Record">The record's name.</param>
/// <param name="SamplingFrequency">The record's sampling frequency, Hz (beat samples are at this rate).</param>
/// <param name="Signals">The record's signals read, one per lead of the model's representation (the first is where beats were found).</param>
/// <param name="BeatsFoundBy">What placed the beats: the QRS detector, or the representation itself.</param>
/// <param name="Beats">Every beat, in time order.</param>
/// <param name="Warnings">What the user should know (a lead clipped at its limits, another signal standing in for a lead).</param>
/// <param name="Rhythms">The rhythm episodes, consecutive, covering every beat; empty when rhythm detection is off.</param>
public sealed record AnnotatedRecord(string Record, double SamplingFrequency, IReadOnlyList<int> Signals, string BeatsFoundBy,
    IReadOnlyList<ClassifiedBeat> Beats, IReadOnlyList<string> Warnings, IReadOnlyList<RhythmEpisode>? Rhythms = null)
{
    /// <summary>
    /// The beats and rhythm as WFDB annotations, in time order: one beat annotation each, coded with its AAMI class symbol
    /// (N, S, V, F, Q), and a rhythm change (<c>+</c>, aux <c>(AFIB</c> or <c>(N</c>) where each rhythm episode starts, as
    /// MIT-BIH's <c>.atr</c> files carry them (<see cref="RhythmEpisode.ToAnnotations"/>); <c>chan</c> = the signal the
    /// beats were found in.
    /// </summary>
    public IReadOnlyList<Annotation> ToAnnotations()
    {
        var beats = Beats.Select(b => new Annotation(b.Sample, AnnotationCodes.Code(b.Class.ToString()), Channel: Signals[0])).ToList();
        if (Rhythms is not { Count: > 0 }) return beats;
        var rhythm = RhythmEpisode.ToAnnotations(Rhythms, Beats.Select(b => b.Sample).ToArray(), SamplingFrequency, Signals[0]);
        // A rhythm change lies after the beat before its episode and at or before the episode's first beat; the sort is
        // stable and the changes come first, so a change on its first beat's sample is written before it.
        return rhythm.Concat(beats).OrderBy(a => a.Sample).ToList();
    }
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

    /// <summary>An annotator that finds beats with <paramref name="detector"/> (Elgendi 2010 by default: <see cref="QrsDetectors.Default"/>) and labels them with <paramref name="classifier"/>.</summary>
    /// <exception cref="InvalidInputException">This version of EcgBeats cannot cut the beats the model was trained on.</exception>
    public RecordAnnotator(IBeatClassifier classifier, IQrsDetector? detector = null)
    {
        _classifier = classifier;
        _detector = detector ?? QrsDetectors.Default();
        Representation = BeatRepresentations.For(classifier.Card.Representation);
    }

    /// <summary>The cut the model needs, rebuilt from its card.</summary>
    public IBeatRepresentation Representation { get; }

    /// <summary>
    /// Finds AF from the times of the beats the model calls N, writes the rhythm, and makes S calls inside AF
    /// N (<see cref="RhythmGate"/>); null: no rhythm, every call as the model gives it.
    /// </summary>
    public AtrialFibrillationDetector? RhythmDetector { get; init; } = new();

    /// <summary>Finds and classifies the beats of a record.</summary>
    /// <param name="record">The whole record.</param>
    /// <param name="name">Its name, for messages and origins.</param>
    /// <param name="signals">The signals to read, one per lead of the representation; null to find them by name.</param>
    /// <remarks>A record with gaps is annotated stretch by stretch (<see cref="RecordBeats"/>); no beat is placed in a gap.</remarks>
    /// <exception cref="InvalidInputException">A missing or flat lead, no stretch long enough, or too few beats to classify.</exception>
    public AnnotatedRecord Annotate(WfdbRecord record, string name, IReadOnlyList<int>? signals = null)
    {
        var (beats, resolvedSignals, foundBy, warnings) = Cut(record, name, signals);
        var probabilities = _classifier.Predict(beats);
        var calls = Enumerable.Range(0, beats.Count).Select(i => AamiMapping.Classes[probabilities.Predicted(i)]).ToArray();
        var positions = beats.Origins!.Select(o => o.Sample).ToArray();
        var rhythm = RhythmAwareCalls.Of(positions, calls, record.SamplingFrequency, RhythmDetector, AtrialLead(record, resolvedSignals[0], RhythmDetector));
        var classified = new ClassifiedBeat[beats.Count];
        for (int i = 0; i < beats.Count; i++)
            classified[i] = new ClassifiedBeat(positions[i], rhythm.Classes[i], probabilities.Row(i).ToArray(),
                rhythm.InAtrialFibrillation[i] ? Rhythm.AtrialFibrillation : Rhythm.Other);
        return new AnnotatedRecord(name, record.SamplingFrequency, resolvedSignals, foundBy, classified, warnings, rhythm.Episodes);
    }

    /// <summary>The beats of a record exactly as <see cref="Annotate"/> finds and cuts them (what a patient model must be trained on).</summary>
    /// <param name="record">The whole record.</param>
    /// <param name="name">Its name, for messages and origins.</param>
    /// <param name="signals">The signals to read, one per lead of the representation; null to find them by name.</param>
    /// <exception cref="InvalidInputException">A missing or flat lead, or no stretch long enough.</exception>
    public (UnlabelledBeats Beats, IReadOnlyList<int> Signals, string FoundBy, List<string> Warnings) Cut(WfdbRecord record, string name, IReadOnlyList<int>? signals = null)
    {
        var leads = Representation.Recipe.Layout.Leads;
        var resolved = signals is null ? LeadResolver.Resolve(leads, record, name) : LeadResolver.Check(signals, leads, record.Header, name);
        var warnings = new List<string>(resolved.Notes);
        foreach (int s in resolved.Signals)
            warnings.AddRange(LeadCheck.Inspect(record.Adc[s], record.Header.Signals[s].Description, name, record.SamplingFrequency, SignalCodecs.InvalidSample).Warnings);
        var (beats, foundBy) = RecordBeats.Cut(record, name, resolved.Signals, Representation, _detector, warnings);
        return (beats, resolved.Signals, foundBy, warnings);
    }

    /// <summary>The lead the detector reads P waves from (the representation's first), when it reads them and the lead is at the record's frame rate.</summary>
    internal static double[]? AtrialLead(WfdbRecord record, int signal, AtrialFibrillationDetector? detector) =>
        detector?.PWaveThreshold is null || Math.Abs(record.SignalFrequency(signal) - record.SamplingFrequency) > 1e-9
            ? null : AtrialActivity.Filter(record.Physical(signal), record.SamplingFrequency);
}
