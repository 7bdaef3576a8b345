using EcgBeats.Wfdb;
using EcgBeats.Beats;

namespace EcgBeats.Representations;

/// <summary>The signals a record gives for a layout's leads.</summary>
/// <param name="Signals">One signal index per lead, in the layout's order.</param>
/// <param name="Notes">What the user should know, e.g. that a lead was missing and another signal stands in.</param>
public sealed record ResolvedLeads(IReadOnlyList<int> Signals, IReadOnlyList<string> Notes);

/// <summary>Finds a layout's leads among a record's signals, by name.</summary>
public static class LeadResolver
{
    /// <summary>The signal of each requested lead in <paramref name="header"/>'s record.</summary>
    /// <exception cref="InvalidInputException">A lead asked for by name is missing and may not be replaced, or the record has too few signals.</exception>
    public static ResolvedLeads Resolve(IReadOnlyList<LeadRequest> leads, WfdbHeader header, string record)
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
            int free = Enumerable.Range(0, header.SignalCount).FirstOrDefault(s => !taken.Contains(s), -1);
            if (free < 0)
                throw new InvalidInputException($"{record}: {leads.Count} leads are needed ({string.Join("; ", leads)}), but the record has {header.SignalCount} signal(s): {Signals(header)}");
            if (lead.Name is not null)
                notes.Add($"{record}: no lead {lead.Name}; signal {free} ({Describe(header, free)}) stands in for it");
            taken.Add(free);
        }
        return new ResolvedLeads(taken, notes);
    }

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
