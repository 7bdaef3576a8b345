using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Representations;
using EcgBeats.Wfdb;
using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Annotators;

/// <summary>
/// The beats of a record nobody has annotated, found and cut as a model's representation needs them: what
/// <see cref="RecordAnnotator"/> classifies and what the end-to-end EC57 scoring (<see cref="Protocols.Ec57Evaluation"/>) scores, so
/// that the two are one path.
/// </summary>
/// <remarks>
/// A record with gaps (samples WFDB marks invalid, NaN in physical units, in any lead read) is cut stretch by stretch: each
/// run of valid samples at least <see cref="MinimumStretchSeconds"/> long is filtered, searched and cut on its own, as a
/// record of its own (no RR interval spans a gap, no filter runs across one); shorter runs are left out, and a warning names
/// every gap and every stretch left out. No beat is placed in a gap.
/// </remarks>
public static class RecordBeats
{
    /// <summary>
    /// The shortest stretch between gaps that is cut, seconds: its own mean RR, QRS amplitude and template are the "record"
    /// its beats are measured against, so it needs beats to average over.
    /// </summary>
    public const double MinimumStretchSeconds = 10;

    /// <summary>
    /// Finds the beats of <paramref name="record"/> with <paramref name="detector"/> in its first signal of
    /// <paramref name="signals"/> (unless the representation finds its own) and cuts them; origins are samples of the whole record.
    /// </summary>
    /// <param name="record">The whole record, read at one rate.</param>
    /// <param name="name">Its name, for messages and origins.</param>
    /// <param name="signals">The signals to cut, one per lead of the representation; the first is searched for beats.</param>
    /// <param name="representation">How beats are cut.</param>
    /// <param name="detector">Finds the beats (unused when the representation finds its own).</param>
    /// <param name="warnings">Gaps and stretches left out are added here.</param>
    /// <returns>The beats, in time order, and what placed them.</returns>
    /// <exception cref="InvalidInputException">The record is too short, no stretch gives beats, or the beats cannot be cut.</exception>
    public static (UnlabelledBeats Beats, string FoundBy) Cut(WfdbRecord record, string name, IReadOnlyList<int> signals,
        IBeatRepresentation representation, IQrsDetector detector, List<string> warnings)
    {
        double fs = record.SamplingFrequency;
        double seconds = record.Length / fs;
        if (record.Length < PanTompkins1985Detector.MinimumSeconds * fs)
            throw new InvalidInputException($"{name}: the record is {seconds:0.###} s long, too short to hold a beat (at least {PanTompkins1985Detector.MinimumSeconds} s is needed)");
        if (Array.Exists(record.Adc, a => a.Length != record.Length)) // signals at their own rates: no common sample index to split at
        {
            foreach (int s in signals)
                if (Array.IndexOf(record.Adc[s], SignalCodecs.InvalidSample) >= 0)
                    throw new InvalidInputException($"{name}: signal {s} holds invalid samples (gaps), and the record's signals are held at different rates; read it at one rate to cut it stretch by stretch");
            return Stretch(record, name, signals, representation, detector, 0);
        }
        var stretches = ValidStretches(record, signals);
        if (stretches.Count == 1 && stretches[0] == (0, record.Length))
            return Stretch(record, name, signals, representation, detector, 0);

        long shortest = (long)Math.Ceiling(MinimumStretchSeconds * fs);
        var parts = new List<UnlabelledBeats>();
        string found = detector.Name;
        long previousEnd = 0;
        foreach (var (from, to) in stretches.Append((record.Length, record.Length)))
        {
            if (from > previousEnd)
                warnings.Add($"{name}: samples {previousEnd}-{from - 1} ({(from - previousEnd) / fs:0.###} s) are invalid (a gap) in signal(s) {string.Join(", ", signals)}; no beats there");
            previousEnd = to;
            if (to == from) continue;
            if (to - from < shortest)
            {
                warnings.Add($"{name}: samples {from}-{to - 1} ({(to - from) / fs:0.###} s between gaps) left out: a stretch needs at least {MinimumStretchSeconds} s");
                continue;
            }
            try
            {
                var (beats, foundBy) = Stretch(Slice(record, from, to), name, signals, representation, detector, from);
                parts.Add(beats);
                found = foundBy;
            }
            catch (InvalidInputException e)
            {
                warnings.Add($"{name}: samples {from}-{to - 1} left out: {e.Message}");
            }
        }
        if (parts.Count == 0)
        {
            double longest = stretches.Count == 0 ? 0 : stretches.Max(r => r.To - r.From) / fs;
            throw new InvalidInputException($"{name}: no beats: signal(s) {string.Join(", ", signals)} hold invalid samples (gaps), and none of the " +
                $"{stretches.Count} stretch(es) between them gave beats (the longest is {longest:0.###} s; a stretch needs at least {MinimumStretchSeconds} s and 2 beats)");
        }
        return (UnlabelledBeats.Concat(parts, parts[0].ValuesPerBeat, parts[0].Recipe), found);
    }

    /// <summary>Detects and cuts the beats of a gap-free record, or of a stretch whose first sample is <paramref name="offset"/> of the record.</summary>
    private static (UnlabelledBeats Beats, string FoundBy) Stretch(WfdbRecord record, string name, IReadOnlyList<int> signals,
        IBeatRepresentation representation, IQrsDetector detector, long offset)
    {
        int first = signals[0];
        double fs = record.SamplingFrequency;
        double seconds = record.Length / fs;
        string where = offset == 0 ? "" : $" (samples {offset}-{offset + record.Length - 1})";
        IReadOnlyList<long>? peaks = null;
        string foundBy = representation.Recipe.Name + " (the representation's own R peaks)";
        if (!representation.FindsOwnBeats)
        {
            try { peaks = detector.Detect(record.Physical(first), fs); }
            catch (ArgumentException e) // the record's rate or length is outside what the detector can search
            {
                throw new InvalidInputException($"{name}: {detector.Name} cannot search signal {first}{where} at {fs:0.###} Hz: {PlainMessage(e)}", e);
            }
            foundBy = detector.Name;
            if (peaks.Count < 2)
                throw new InvalidInputException($"{name}: {peaks.Count} beat(s) found in {seconds:0.##} s of signal {first}{where}; at least 2 are needed to cut a beat (too short, or not an ECG?)");
        }
        UnlabelledBeats beats;
        try { beats = representation.Cut(record, name, peaks, BeatCutMode.EveryBeat, signals); }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"{name}: cannot cut beats as {representation.Recipe.Name} at {fs:0.###} Hz{where}: {PlainMessage(e)}", e);
        }
        if (beats.Count == 0)
            throw new InvalidInputException($"{name}: no beats found in {seconds:0.##} s of signal {first}{where} by {foundBy}");
        if (offset != 0)
            beats = new UnlabelledBeats(beats.ValuesPerBeat, beats.Values, beats.Recipe, beats.Origins!.Select(o => o with { Sample = o.Sample + offset }).ToArray());
        return (beats, foundBy);
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

    /// <summary>Samples <c>[from, to)</c> of every signal, as a record of their own.</summary>
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
