using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Dsp;
using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;
using EcgBeats.Representations;
using EcgBeats.Wfdb;
using EcgBeats.Annotators;
using EcgBeats.Classification;
using EcgBeats.Rhythms;

namespace EcgBeats.Protocols;

/// <summary>Where the beats a model classified came from: the reference annotations, or a QRS detector run on the raw record.</summary>
public enum BeatPositions
{
    /// <summary>The cardiologists' beats (the dataset's test beats): the classifier alone is scored.</summary>
    Reference,
    /// <summary>The beats a QRS detector found in the raw record: detection and classification together, as annotate works.</summary>
    Detected,
}

/// <summary>One EC57 score of a model on a set of records.</summary>
/// <param name="Positions">Where the classified beats stood.</param>
/// <param name="Mapping">How escape beats were counted.</param>
/// <param name="Score">Gross, average and record-by-record statistics.</param>
public sealed record Ec57Result(BeatPositions Positions, BeatClassMapping Mapping, Ec57Score Score);

/// <summary>One record ready to score: its header, reference annotations, and the beats the detector found, cut once.</summary>
/// <param name="Name">The record's name.</param>
/// <param name="Path">Its path (the data folder and its name), to read it again.</param>
/// <param name="Header">Its header (rate, length).</param>
/// <param name="Reference">Its reference annotations.</param>
/// <param name="Detected">Its detected beats, cut by the representation (origins: detected positions).</param>
/// <param name="Signals">The signals the representation read.</param>
public sealed record PreparedRecord(string Name, string Path, WfdbHeader Header, IReadOnlyList<Annotation> Reference, UnlabelledBeats Detected, IReadOnlyList<int> Signals);

/// <summary>
/// Scores models on whole records as ANSI/AAMI EC57 prescribes (WFDB <c>bxb</c>'s comparison, from minute 5), twice: with
/// the beats at the reference positions (the classifier alone) and with the beats a QRS detector finds in the raw records
/// (end to end, what <c>annotate</c> gives a new patient's record), each with bxb's and de Chazal's class mapping. The
/// records are read, detected and cut once; every model then classifies the same beats, so an ensemble's members score
/// them once (<see cref="SharedClassifier"/>).
/// </summary>
public sealed class Ec57Evaluation
{
    private Ec57Evaluation(IReadOnlyList<PreparedRecord> records, string detector, BeatComparisonOptions options)
    {
        Records = records;
        Detector = detector;
        Options = options;
    }

    /// <summary>The records, in the order given.</summary>
    public IReadOnlyList<PreparedRecord> Records { get; }

    /// <summary>The QRS detector's name.</summary>
    public string Detector { get; }

    /// <summary>Window and interval (the mapping is set per score).</summary>
    public BeatComparisonOptions Options { get; }

    /// <summary>The AF detector whose episodes make S calls N (<see cref="RhythmGate"/>), as <c>annotate</c> does; null: the model's calls as they are.</summary>
    public AtrialFibrillationDetector? RhythmDetector { get; init; } = new();

    /// <summary>Reads, detects and cuts <paramref name="records"/> of <paramref name="dataDirectory"/> (in parallel).</summary>
    public static Ec57Evaluation Prepare(string dataDirectory, IReadOnlyList<string> records, IBeatRepresentation representation, IQrsDetector detector,
        BeatComparisonOptions? options = null, CancellationToken cancel = default)
    {
        var prepared = new PreparedRecord[records.Count];
        Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            string path = Path.Combine(dataDirectory, records[i]);
            var record = RecordReader.Read(path);
            var signals = LeadResolver.Resolve(representation.Recipe.Layout.Leads, record, records[i]).Signals;
            // The beats exactly as `annotate` finds and cuts them (gaps and all).
            var (beats, _) = RecordBeats.Cut(record, records[i], signals, representation, detector, []);
            prepared[i] = new PreparedRecord(records[i], path, record.Header, AnnotationReader.ReadFile(RecordPath.Annotations(path, "atr")), beats, signals);
        });
        return new Ec57Evaluation(prepared, detector.Name, options ?? new BeatComparisonOptions());
    }

    /// <summary>
    /// The model's four scores: at the detected beats and at <paramref name="referenceBeats"/>' positions (the dataset's test
    /// beats of these records, cut by the same representation), each with bxb's and de Chazal's mapping; and, with a
    /// <see cref="RhythmDetector"/>, the AF episodes and the gate's effect end to end (<see cref="Ec57Rhythm"/>).
    /// </summary>
    public Ec57Scores Score(IBeatClassifier model, LabelledBeats referenceBeats)
    {
        var frequency = Records.ToDictionary(r => r.Name, r => r.Header.SamplingFrequency);
        var atReference = ByRecord(referenceBeats.Unlabelled, model.Predict(referenceBeats.Unlabelled), frequency, RhythmDetector,
            Records.ToDictionary(r => r.Name, AtrialLead));
        var detected = Records.ToDictionary(r => r.Name, r =>
        {
            var p = model.Predict(r.Detected);
            return Calls(r.Detected.Origins!.Select(o => o.Sample).ToList(), p.PredictedClasses(), r.Header.SamplingFrequency, RhythmDetector, AtrialLead(r));
        });
        var atDetected = Records.ToDictionary(r => r.Name, r => detected[r.Name].Annotations(r.Signals[0], gated: true));
        var results = new List<Ec57Result>();
        foreach (var (positions, annotations) in new[] { (BeatPositions.Detected, atDetected), (BeatPositions.Reference, atReference) })
            foreach (var mapping in new[] { BeatClassMapping.DeChazal, BeatClassMapping.Bxb })
            {
                var options = Options with { Mapping = mapping };
                var comparisons = Records.Select(r => BeatByBeatComparator.Compare(r.Name, r.Reference,
                    annotations.TryGetValue(r.Name, out var test) ? test : [], r.Header.SamplingFrequency, options, r.Header.SampleCount)).ToList();
                results.Add(new Ec57Result(positions, mapping, Ec57Score.From(comparisons, options, "atr", $"{model.Name} ({(positions == BeatPositions.Detected ? Detector : "reference beats")})")));
            }
        return new Ec57Scores(results, RhythmDetector is null ? null : Rhythm(detected));
    }

    /// <summary>AF episodes (as epicmp -A) and the S calls with and without the gate, per record, end to end.</summary>
    private Ec57Rhythm Rhythm(IReadOnlyDictionary<string, RecordCalls> detected)
    {
        var options = Options with { Mapping = BeatClassMapping.DeChazal };
        var episodes = new List<EpisodeComparison>();
        var gate = new List<RhythmGateRecord>();
        foreach (var r in Records)
        {
            var calls = detected[r.Name];
            var rhythm = RhythmEpisode.ToAnnotations(calls.Rhythm.Episodes, calls.Positions, r.Header.SamplingFrequency);
            episodes.Add(EpisodeComparator.Compare(r.Name, r.Reference, rhythm, r.Header.SamplingFrequency, r.Header.SampleCount ?? 0));
            bool referenceAf = RhythmEpisode.HoldAtrialFibrillationOrFlutter(r.Reference);
            bool changed = calls.Rhythm.Classes.Where((c, i) => c != calls.Calls[i]).Any();
            if (!referenceAf && !changed) continue;
            var without = BeatByBeatComparator.Compare(r.Name, r.Reference, calls.Annotations(r.Signals[0], gated: false), r.Header.SamplingFrequency, options, r.Header.SampleCount);
            var with = BeatByBeatComparator.Compare(r.Name, r.Reference, calls.Annotations(r.Signals[0], gated: true), r.Header.SamplingFrequency, options, r.Header.SampleCount);
            gate.Add(new RhythmGateRecord(r.Name, referenceAf, without.SvebFalsePositives, with.SvebFalsePositives, without.SvebTruePositives, with.SvebTruePositives));
        }
        return new Ec57Rhythm(episodes, gate);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double[]?> _leads = new();

    /// <summary>The record's lead for P waves, read once when the rhythm detector reads them.</summary>
    internal double[]? AtrialLead(PreparedRecord r) => RhythmDetector?.PWaveThreshold is null ? null : _leads.GetOrAdd(r.Name, _ =>
        Annotators.RecordAnnotator.AtrialLead(RecordReader.Read(r.Path), r.Signals[0], RhythmDetector));

    /// <summary>Classified beats as annotations per record, from the beats' origins.</summary>
    private static Dictionary<string, IReadOnlyList<Annotation>> ByRecord(UnlabelledBeats beats, ClassProbabilities probabilities,
        IReadOnlyDictionary<string, double> frequency, AtrialFibrillationDetector? rhythm, IReadOnlyDictionary<string, double[]?> leads)
    {
        var origins = beats.Origins ?? throw new ArgumentException("the reference beats do not say where they are", nameof(beats));
        int[] classes = probabilities.PredictedClasses();
        return Enumerable.Range(0, beats.Count).GroupBy(i => origins[i].Record)
            .ToDictionary(g => g.Key, g => Annotations(g.Select(i => origins[i].Sample).ToList(), g.Select(i => classes[i]).ToList(), 0, frequency[g.Key], rhythm,
                leads.GetValueOrDefault(g.Key)));
    }

    /// <summary>
    /// One beat annotation per classified beat, coded with its class's symbol (N, S, V, F, Q), in time order; with a
    /// rhythm detector, S calls inside detected AF are N (<see cref="RhythmAwareCalls"/>), as <c>annotate</c> writes them.
    /// </summary>
    /// <param name="samples">The beats' positions, samples.</param>
    /// <param name="classes">Each beat's class (AAMI index).</param>
    /// <param name="channel">The channel the annotations name.</param>
    /// <param name="samplingFrequency">The positions' rate, Hz.</param>
    /// <param name="rhythm">The AF detector whose episodes gate S calls, or null.</param>
    /// <param name="lead">The lead the rhythm detector reads P waves from, or null.</param>
    public static IReadOnlyList<Annotation> Annotations(IReadOnlyList<long> samples, IReadOnlyList<int> classes, int channel,
        double samplingFrequency, AtrialFibrillationDetector? rhythm, double[]? lead = null) =>
        Calls(samples, classes, samplingFrequency, rhythm, lead).Annotations(channel, gated: true);

    private static RecordCalls Calls(IReadOnlyList<long> samples, IReadOnlyList<int> classes, double samplingFrequency, AtrialFibrillationDetector? rhythm, double[]? lead)
    {
        var order = Enumerable.Range(0, samples.Count).OrderBy(i => samples[i]).ToArray();
        var positions = order.Select(i => samples[i]).ToArray();
        var calls = order.Select(i => AamiMapping.Classes[classes[i]]).ToArray();
        return new RecordCalls(positions, calls, RhythmAwareCalls.Of(positions, calls, samplingFrequency, rhythm, lead));
    }

    /// <summary>One record's beats in time order, the model's calls, and the calls after the rhythm gate.</summary>
    private sealed record RecordCalls(long[] Positions, AamiClass[] Calls, RhythmAwareCalls Rhythm)
    {
        public IReadOnlyList<Annotation> Annotations(int channel, bool gated)
        {
            var classes = gated ? Rhythm.Classes : Calls;
            return Positions.Select((s, k) => new Annotation(s, AnnotationCodes.Code(classes[k].ToString()), Channel: channel)).ToList();
        }
    }
}

/// <summary>A model's EC57 scores on whole records, and its AF episodes and rhythm gate's effect there when a rhythm detector ran.</summary>
/// <param name="Results">The four beat-by-beat scores.</param>
/// <param name="Rhythm">AF episodes and the gate's effect end to end, or null without a rhythm detector.</param>
public sealed record Ec57Scores(IReadOnlyList<Ec57Result> Results, Ec57Rhythm? Rhythm);
