using EcgBeats.Annotators;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Io;
using EcgBeats.Wfdb;

namespace EcgBeats.Adaptation;

/// <summary>A patient model made from one record, with what its maker should be told.</summary>
/// <param name="Model">The patient model; it owns the base model.</param>
/// <param name="Labelled">The record's beats that trained it (as the base model cuts them), with their labels.</param>
/// <param name="Span">Where the labels came from.</param>
/// <param name="Notes">The detector's warnings and every fallback: classes with too few labelled beats to be learnt, or a model that learnt nothing.</param>
public sealed record PatientModelOutcome(AdaptedClassifier Model, LabelledBeats Labelled, LabelledSpan Span, IReadOnlyList<string> Notes)
{
    /// <summary>One line: the labelled beats per class and the classes learnt from them.</summary>
    public string Summary
    {
        get
        {
            var counts = Labelled.ClassCounts();
            string learnt = Model.Local is null ? "none: the patient model classifies as its base model"
                : string.Join(" ", Model.Local.Classes.Select(c => AamiMapping.Classes[c]));
            return $"{Span.Record}: {Labelled.Count:N0} labelled beats in {Span} ({string.Join(", ", AamiMapping.Classes.Select((c, i) => $"{c} {counts[i]:N0}"))}); classes learnt from them: {learnt}";
        }
    }
}

/// <summary>
/// The whole of <c>ecgbeats adapt</c> in memory: a record, a base model and what an analyst labelled (an annotation
/// file's beats in a span, or a filled <see cref="LabellingSheet"/>) make a patient model (<see cref="PatientAdaptation"/>).
/// Labels that do not belong to the record are refused; classes with too few labelled beats are left to the base model,
/// and each such fallback is stated in <see cref="PatientModelOutcome.Notes"/> and on the model's card.
/// </summary>
public static class RecordAdaptation
{
    /// <summary>
    /// The least share of the beat labels in the span that must lie within <see cref="PatientAdaptation.MatchWindowSeconds"/>
    /// of a detected beat. The detector finds over 99% of MIT-BIH's beats; another record's labels land near one of this
    /// record's beats by chance about a third of the time (±150 ms around beats about 0.8 s apart).
    /// </summary>
    public const double LeastMatchedShare = 0.8;

    /// <summary>
    /// A patient model from the beats <paramref name="labels"/> (an annotation file: the reference, or an analyst's) label
    /// between <paramref name="fromSeconds"/> and <paramref name="untilSeconds"/> (EC57: the first 5 minutes). The
    /// outcome's model owns <paramref name="baseModel"/>; if this throws, the base model is still the caller's.
    /// </summary>
    /// <param name="baseModel">The base model (trained on other patients), opened from <paramref name="baseFolder"/>.</param>
    /// <param name="baseFolder">Its folder: the patient model's card names it.</param>
    /// <param name="record">The patient's record.</param>
    /// <param name="name">Its name (cards and messages).</param>
    /// <param name="labels">The annotations; only their beat labels count.</param>
    /// <param name="annotator">Where they came from (e.g. <c>atr</c>), for the card and messages.</param>
    /// <param name="fromSeconds">Start of the labelled span, s.</param>
    /// <param name="untilSeconds">End of the labelled span, s (past the record's end: its end).</param>
    /// <param name="settings">How to adapt; default: DS1's choice.</param>
    /// <exception cref="InvalidInputException">A beat label beyond the record's end, no beat label in the span, or too few of them at detected beats: the labels are not this record's.</exception>
    public static PatientModelOutcome FromAnnotations(IBeatClassifier baseModel, string baseFolder, WfdbRecord record, string name,
        IReadOnlyList<Annotation> labels, string annotator, double fromSeconds = 0, double untilSeconds = 300, AdaptationSettings? settings = null)
    {
        if (!(untilSeconds > fromSeconds) || !(fromSeconds >= 0)) throw new ArgumentException($"span {fromSeconds}-{untilSeconds} s: expected 0 <= from < until");
        double fs = record.SamplingFrequency;
        var beats = labels.Where(a => AamiMapping.IsBeat(a.Symbol)).ToList();
        if (beats.FirstOrDefault(a => a.Sample >= record.Length) is { } beyond)
            throw new InvalidInputException($"{annotator}: a beat label at sample {beyond.Sample:N0} lies beyond the end of record {name} ({record.Length:N0} samples at {fs:0.###} Hz): the labels belong to another record, or to another sampling rate");
        var span = new LabelledSpan(name, annotator, fromSeconds, Math.Min(untilSeconds, record.Length / fs));
        long from = (long)Math.Round(span.FromSeconds * fs), until = (long)Math.Round(span.UntilSeconds * fs);
        int inSpan = beats.Count(a => a.Sample >= from && a.Sample < until);
        if (inSpan == 0) throw new InvalidInputException($"{span}: no beat labels in the span: nothing to learn from (label beats there, or name a span that holds labels)");

        var (found, _, _, warnings) = new RecordAnnotator(baseModel).Cut(record, name);
        var labelled = PatientAdaptation.Label(found, labels, fs, span);
        if (labelled.Count < LeastMatchedShare * inSpan)
            throw new InvalidInputException($"{span}: only {labelled.Count:N0} of its {inSpan:N0} beat labels lie within {PatientAdaptation.MatchWindowSeconds * 1000:0} ms of a beat found in record {name}: " +
                "the labels do not match this record (another record's, or another sampling rate's?)");
        return Make(baseModel, baseFolder, labelled, span, settings ?? new AdaptationSettings(), warnings);
    }

    /// <summary>
    /// A patient model from a filled labelling sheet (<see cref="BeatReview"/>): the confirmed beats, and with the review's
    /// clusters their clusters' members where the spreading is sound (<see cref="BeatReview.Spread"/>). Use the base model
    /// the review used. Ownership as <see cref="FromAnnotations"/>.
    /// </summary>
    /// <param name="baseModel">The base model the review used, opened from <paramref name="baseFolder"/>.</param>
    /// <param name="baseFolder">Its folder.</param>
    /// <param name="record">The patient's record.</param>
    /// <param name="name">Its name.</param>
    /// <param name="labels">The sheet's labelled rows (<see cref="LabellingSheet.Read"/>).</param>
    /// <param name="clusters">The review's clusters (<see cref="LabellingSheet.ReadClusters"/>), or null: the confirmed beats alone train (stated in the notes).</param>
    /// <param name="sheet">The sheet's path, for messages and the card.</param>
    /// <param name="settings">How to adapt; default: DS1's choice.</param>
    /// <param name="review">How labels spread; default: DS1's choice.</param>
    /// <exception cref="InvalidInputException">A sheet row at no found beat, or clusters that do not list the record's beats: another record's or base model's sheet.</exception>
    public static PatientModelOutcome FromSheet(IBeatClassifier baseModel, string baseFolder, WfdbRecord record, string name,
        IReadOnlyList<SheetLabel> labels, IReadOnlyDictionary<long, int>? clusters, string sheet, AdaptationSettings? settings = null, ReviewSettings? review = null)
    {
        var (found, _, _, warnings) = new RecordAnnotator(baseModel).Cut(record, name);
        if (clusters is null)
            warnings.Add($"no {LabellingSheet.ClustersFileName} beside {sheet}: the confirmed beats alone train the patient model (their labels do not spread to their clusters)");
        var spread = BeatReview.FromSheet(found, labels, clusters, (review ?? new ReviewSettings()).SpreadToClusters, sheet);
        var span = new LabelledSpan(name, $"sheet {Path.GetFileName(sheet)}: {spread.Confirmed} confirmed beats, {spread.Spread:N0} more by their clusters", 0, record.Length / record.SamplingFrequency);
        return Make(baseModel, baseFolder, spread.Beats, span, settings ?? new AdaptationSettings(), warnings);
    }

    private static PatientModelOutcome Make(IBeatClassifier baseModel, string baseFolder, LabelledBeats labelled, LabelledSpan span, AdaptationSettings settings, List<string> notes)
    {
        var counts = labelled.ClassCounts();
        for (int c = 0; c < counts.Length; c++)
            if (counts[c] > 0 && counts[c] < settings.MinimumOf(c))
                notes.Add($"{span.Record}: {AamiMapping.Classes[c]} has {counts[c]} labelled beat(s), fewer than the {settings.MinimumOf(c)} it needs to be learnt: the base model alone calls {AamiMapping.Classes[c]}");
        var model = PatientAdaptation.Adapt(baseModel, baseFolder, labelled, span, settings);
        if (model.Local is null)
            notes.Add($"{span.Record}: the labelled beats hold fewer than two classes with enough beats to learn from: the patient model classifies as its base model does (label a longer span, or beats of another class)");
        return new PatientModelOutcome(model, labelled, span, notes);
    }
}
