using EcgBeats.Beats;
using EcgBeats.Dsp;
using EcgBeats.Wfdb;

namespace EcgBeats.Representations;

/// <summary>The signals a record gives for a layout's leads.</summary>
/// <param name="Signals">One signal index per lead, in the layout's order.</param>
/// <param name="Notes">What the user should know, e.g. that a lead was missing and another signal stands in.</param>
public sealed record ResolvedLeads(IReadOnlyList<int> Signals, IReadOnlyList<string> Notes);

/// <summary>
/// Finds a layout's leads among a record's signals: by name; where a lead is missing and another may stand in, the same
/// lead by another name (limb lead II for MLII, modified V1 for V1), else the first free signal that is an ECG
/// (<see cref="IsEcg"/>: a blood pressure or a respiration signal never stands in while an ECG is free), and, given the
/// record's samples, for MLII an ECG whose QRS complexes point up when the first one's point down
/// (<see cref="QrsPolarity"/>: records of other databases name their leads ECG1, ECG2, and the first may be a V1).
/// Every stand-in is said once, in <see cref="ResolvedLeads.Notes"/>.
/// </summary>
public static class LeadResolver
{
    /// <summary>
    /// The signal of each requested lead in <paramref name="header"/>'s record, from the header alone: a missing lead's
    /// stand-in is the first free ECG.
    /// </summary>
    /// <exception cref="InvalidInputException">A lead asked for by name is missing and may not be replaced, or the record has too few signals.</exception>
    public static ResolvedLeads Resolve(IReadOnlyList<LeadRequest> leads, WfdbHeader header, string record) => Resolve(leads, header, record, null);

    /// <summary>
    /// The signal of each requested lead in <paramref name="record"/>, as <see cref="Resolve(IReadOnlyList{LeadRequest}, WfdbHeader, string)"/>
    /// finds it, except that a missing MLII's stand-in is the free ECG whose QRS complexes point up most when the first
    /// free one's point down (at the beats <see cref="QrsDetectors.Default"/> finds in the first; records that name their
    /// MLII read nothing more).
    /// </summary>
    /// <exception cref="InvalidInputException">A lead asked for by name is missing and may not be replaced, or the record has too few signals.</exception>
    public static ResolvedLeads Resolve(IReadOnlyList<LeadRequest> leads, WfdbRecord record, string name) => Resolve(leads, record.Header, name, record);

    /// <summary>
    /// Whether a signal is an ECG by its header: in volts (mV, the default, uV or V), and its description does not start
    /// with the name of another signal (EEG, EOG, EMG, which are in volts too; ABP, Resp, Pleth, ...). A bare electrode
    /// name such as <c>C3-A2</c> is not recognised: it counts as an ECG.
    /// </summary>
    public static bool IsEcg(SignalSpec signal)
    {
        string units = signal.Units.Trim();
        if (units.Length > 0 && !VoltUnits.Contains(units)) return false;
        string description = signal.Description.Trim();
        return !NotEcgNames.Any(n => description.StartsWith(n, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly HashSet<string> VoltUnits = new(["mV", "uV", "µV", "V", "millivolts", "microvolts", "volts"], StringComparer.OrdinalIgnoreCase);

    private static readonly string[] NotEcgNames = ["EEG", "EOG", "EMG", "ABP", "ART", "PAP", "CVP", "ICP", "BP", "RESP", "PLETH", "SpO2", "SaO2", "Flow", "Airflow", "Thor", "Abdo", "Temp", "Pulse"];

    private static ResolvedLeads Resolve(IReadOnlyList<LeadRequest> leads, WfdbHeader header, string record, WfdbRecord? samples)
    {
        var taken = new List<int>();
        var notes = new List<string>();
        foreach (var lead in leads)
        {
            int named = lead.Name is null ? -1 : IndexOf(header, lead.Name, taken);
            if (named >= 0)
            {
                taken.Add(named);
                continue;
            }
            if (lead.Name is not null && !lead.OtherwiseFirstFree)
                throw new InvalidInputException($"{record}: no lead {lead.Name} (its signals: {Signals(header)}); name the signal to read explicitly");
            var free = Enumerable.Range(0, header.SignalCount).Where(s => !taken.Contains(s)).ToList();
            if (free.Count == 0)
                throw new InvalidInputException($"{record}: {leads.Count} leads are needed ({string.Join("; ", leads)}), but the record has {header.SignalCount} signal(s): {Signals(header)}");
            if (lead.Name is null)
            {
                taken.Add(free[0]);   // "the first signal, whatever its name": what the Kaggle files were cut from
                continue;
            }
            var ecgs = free.Where(s => IsEcg(header.Signals[s])).ToList();
            int standIn = ecgs.Count > 0 ? ecgs[0] : free[0];
            string why = ecgs.Count > 0 ? "" : " (no free signal is an ECG by its units and name)";
            int alias = ecgs.FirstOrDefault(s => IsAlias(lead.Name, header.Signals[s].Description), -1);
            if (alias >= 0)
            {
                standIn = alias;
                why = ": the same lead by another name";
            }
            else if (samples is not null && string.Equals(lead.Name, "MLII", StringComparison.OrdinalIgnoreCase) && ecgs.Count > 1
                && UprightInstead(samples, ecgs) is { } upright)
            {
                standIn = upright.Signal;
                why = $": its QRS complexes point up (polarity {upright.Polarity:0.00}), signal {ecgs[0]}'s down ({upright.FirstPolarity:0.00})";
            }
            else if (ecgs.Count > 0 && ecgs[0] != free[0])
            {
                var skipped = free.TakeWhile(s => s != ecgs[0]).ToList();
                why = skipped.Count == 1
                    ? $" (signal {skipped[0]} ({Describe(header, skipped[0])}) is not an ECG by its units or name)"
                    : $" (signals {string.Join(", ", skipped.Select(s => $"{s} ({Describe(header, s)})"))} are not ECGs by their units or names)";
            }
            notes.Add($"{record}: no lead {lead.Name}; signal {standIn} ({Describe(header, standIn)}) stands in for it{why}");
            taken.Add(standIn);
        }
        return new ResolvedLeads(taken, notes);
    }

    /// <summary>
    /// The ECG whose QRS complexes point up most, when the first of <paramref name="ecgs"/> points down
    /// (<see cref="QrsPolarity.Upright"/>) and another up; null otherwise (the first stands in, as named order suggests).
    /// </summary>
    private static (int Signal, double Polarity, double FirstPolarity)? UprightInstead(WfdbRecord record, IReadOnlyList<int> ecgs)
    {
        double fs = record.SamplingFrequency;
        if (ecgs.Any(s => Math.Abs(record.SignalFrequency(s) - fs) > 1e-9)) return null;   // multi-rate records: left as named
        // The beats are found once, in the first (the QRS complexes are at the same times in every lead).
        var lead = Clean(record, ecgs[0]);
        IReadOnlyList<long> beats;
        try { beats = QrsDetectors.Default().Detect(lead, fs); }
        catch (ArgumentException) { return null; }   // too short, or a rate the detector cannot search: not told
        double first = QrsPolarity.Of(lead, beats, fs);
        if (!(first < QrsPolarity.Upright)) return null;   // up, or not told (NaN): the others are not read
        int best = -1;
        double most = double.NaN;
        for (int i = 1; i < ecgs.Count; i++)
            if (QrsPolarity.Of(Clean(record, ecgs[i]), beats, fs) is var p && p >= QrsPolarity.Upright && (best < 0 || p > most)) (best, most) = (i, p);
        return best < 0 ? null : (ecgs[best], most, first);
    }

    private static double[] Clean(WfdbRecord record, int signal) => record.Physical(signal).Select(v => double.IsFinite(v) ? v : 0).ToArray();

    /// <summary>Checks signals chosen by hand (e.g. <c>--channel</c>): one per lead, each in the record, none twice.</summary>
    /// <exception cref="InvalidInputException">They do not fit the record or the layout.</exception>
    public static ResolvedLeads Check(IReadOnlyList<int> signals, IReadOnlyList<LeadRequest> leads, WfdbHeader header, string record)
    {
        if (signals.Count != leads.Count)
            throw new InvalidInputException($"{record}: {signals.Count} signal(s) chosen, but the model reads {leads.Count} lead(s) ({string.Join("; ", leads)})");
        foreach (int s in signals)
            if (s < 0 || s >= header.SignalCount)
                throw new InvalidInputException($"{record}: no signal {s} (the record has {header.SignalCount}: {Signals(header)})");
        if (signals.Distinct().Count() != signals.Count)
            throw new InvalidInputException($"{record}: a signal is chosen twice ({string.Join(", ", signals)})");
        var notes = new List<string>();
        for (int i = 0; i < leads.Count; i++)
            if (leads[i].Name is { } name && !string.Equals(Describe(header, signals[i]), name, StringComparison.OrdinalIgnoreCase))
                notes.Add($"{record}: signal {signals[i]} ({Describe(header, signals[i])}) stands in for lead {name}, as asked");
        return new ResolvedLeads(signals, notes);
    }

    /// <summary>
    /// Other names of the leads the representations ask for: limb lead II for MLII (Mason-Likar's modified lead II
    /// records nearly the same QRS; <c>D2</c> and <c>DII</c> are its European names), modified V1 for V1. A leading
    /// <c>ECG</c> or <c>lead</c> is ignored (<c>ECG II</c>, <c>Lead II</c>).
    /// </summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MLII"] = ["II", "ML2", "D2", "DII"],
        ["V1"] = ["MV1"],
    };

    private static bool IsAlias(string lead, string description)
    {
        if (!Aliases.TryGetValue(lead, out var names)) return false;
        string d = description.Trim();
        foreach (string prefix in new[] { "ECG", "lead" })
            if (d.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) d = d[prefix.Length..].TrimStart(' ', '-', '_', ':');
        return names.Contains(d, StringComparer.OrdinalIgnoreCase) || string.Equals(d, lead, StringComparison.OrdinalIgnoreCase);
    }

    private static int IndexOf(WfdbHeader header, string name, List<int> taken)
    {
        for (int s = 0; s < header.SignalCount; s++)
            if (!taken.Contains(s) && string.Equals(header.Signals[s].Description.Trim(), name, StringComparison.OrdinalIgnoreCase)) return s;
        return -1;
    }

    private static string Describe(WfdbHeader header, int signal) =>
        header.Signals[signal].Description is { Length: > 0 } d ? d : "unnamed";

    private static string Signals(WfdbHeader header) =>
        string.Join(", ", Enumerable.Range(0, header.SignalCount).Select(s => $"{s} {Describe(header, s)}"));
}
