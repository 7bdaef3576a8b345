namespace EcgBeats.Beats;

/// <summary>
/// Which signal of a record a representation reads for one of its leads: a lead by name (e.g. <c>MLII</c>),
/// or, with no name, the first signal not taken by an earlier lead of the same representation.
/// </summary>
/// <param name="Name">The lead's name as WFDB headers give it (the signal description, compared without case), or null for "the first free signal".</param>
/// <param name="OtherwiseFirstFree">When the record has no signal of that name, take the first signal not taken by an earlier lead (and say so) instead of refusing the record.</param>
public sealed record LeadRequest(string? Name, bool OtherwiseFirstFree = false)
{
    /// <summary>The record's first signal, whatever its name: what the Kaggle files were cut from.</summary>
    public static LeadRequest FirstSignal { get; } = new(null, true);

    /// <summary>A lead by name; with <paramref name="otherwiseFirstFree"/>, records without it give their first free signal.</summary>
    public static LeadRequest Named(string name, bool otherwiseFirstFree = false) => new(name, otherwiseFirstFree);

    /// <summary>A short description, e.g. <c>MLII (else the first other signal)</c>.</summary>
    public override string ToString() => Name is null ? "the first signal" : OtherwiseFirstFree ? $"{Name} (else the first other signal)" : Name;
}
