using EcgBeats.Models;

namespace EcgBeats.Classification;

/// <summary>An ensemble kind: which models it combines by default and how.</summary>
public sealed class EnsembleKind : ModelKind
{
    internal EnsembleKind(string name, string summary, int version, string? memberFamily, IReadOnlyDictionary<string, string> defaults)
        : base(name, summary, version)
    {
        MemberFamily = memberFamily;
        DefaultOptions = defaults;
    }

    /// <summary>The family whose kinds are its default members, or null for every kind that is not an ensemble.</summary>
    public string? MemberFamily { get; }

    /// <inheritdoc />
    public override string Family => Ensembles.FamilyName;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultOptions { get; }

    /// <summary>The kinds this ensemble combines unless told otherwise.</summary>
    public IReadOnlyList<ModelKind> DefaultMembers(ModelRegistry registry) =>
        registry.Kinds.Where(k => k.Family != Ensembles.FamilyName && (MemberFamily is null || k.Family == MemberFamily)).ToList();
}

/// <summary>The ensemble kinds (declared here, once) and their family.</summary>
public static class Ensembles
{
    /// <summary>The family's name.</summary>
    public const string FamilyName = "ensemble";

    /// <summary>The framework ensemble cards name: EcgBeats itself runs them.</summary>
    public const string Framework = "EcgBeats";

    /// <summary>Weighted average of the deep models' probabilities, weights fitted on the validation split (<see cref="EnsembleWeights"/>).</summary>
    public static EnsembleKind Weighted { get; } = new("ensemble-weighted",
        "weighted average of member probabilities, weights minimising validation log-loss", 1, "deep",
        new Dictionary<string, string> { ["members"] = "the deep models" });

    /// <summary>Every member votes (<see cref="VotingEnsemble"/>).</summary>
    public static EnsembleKind Voting { get; } = new("ensemble-voting",
        "every member votes: hard (majority) or soft (mean probability)", 1, null,
        new Dictionary<string, string> { ["members"] = "every deep and classical model", ["voting"] = "hard" });

    /// <summary>The ensemble family, in every <see cref="ModelRegistry"/>.</summary>
    public static IModelFamily Family { get; } = new EnsembleFamily();

    private sealed class EnsembleFamily : IModelFamily
    {
        public string Name => FamilyName;
        public string Framework => Ensembles.Framework;
        public IReadOnlyList<ModelKind> Kinds { get; } = [Weighted, Voting];
        public IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening) => EnsembleStore.Open(folder, card, opening);
    }
}
