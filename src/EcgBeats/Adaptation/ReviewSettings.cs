namespace EcgBeats.Adaptation;

/// <summary>
/// How <see cref="BeatReview"/> chooses the beats an analyst confirms, and how their labels spread. Defaults: DS1's choice
/// (<c>PatientAdaptiveCrossValidation.RunConfirmed</c>, docs/patient-adaptive.md): as many clusters as beats, each
/// cluster's most typical beat, its label spread to the cluster.
/// </summary>
/// <param name="Beats">The beats to ask about.</param>
/// <param name="TypicalShare">The share of <see cref="Beats"/> that are clusters' most typical beats (the record's beats fall into that many clusters); the rest are the beats the base model is least sure of.</param>
/// <param name="SpreadToClusters">Whether a cluster whose confirmed beats agree gives their label to all its members (false: the confirmed beats alone train the patient model).</param>
/// <param name="Seed">Seeds the clustering.</param>
public sealed record ReviewSettings(int Beats = 12, double TypicalShare = 1, bool SpreadToClusters = true, int Seed = 42)
{
    /// <summary>The number of clusters: <see cref="Beats"/> x <see cref="TypicalShare"/>, rounded up, at least 1.</summary>
    public int Clusters => Math.Max(1, (int)Math.Ceiling(Beats * TypicalShare - 1e-9));

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidInputException">Fewer than 1 beat, or a share outside (0, 1].</exception>
    public ReviewSettings Validated()
    {
        if (Beats < 1) throw new InvalidInputException($"beats to review: {Beats}; expected at least 1");
        if (!(TypicalShare > 0 && TypicalShare <= 1)) throw new InvalidInputException($"typical share {TypicalShare}: expected more than 0, at most 1");
        return this;
    }

    /// <summary>As text for a card or a table row.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"{Beats} beats: {Clusters} clusters' typical beats, then the least sure; labels {(SpreadToClusters ? "spread to agreeing clusters" : "on the confirmed beats alone")}; seed {Seed}");
}
