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
        this == Ensembles.ClassWise
            ? Ensembles.DefaultClassWise.Sources.Distinct().Select(n => registry.Find(n)).OfType<ModelKind>().ToList()
            : registry.Kinds.Where(k => k.Family != Ensembles.FamilyName && (MemberFamily is null || k.Family == MemberFamily)).ToList();
}

/// <summary>The ensemble kinds (declared here, once) and their family.</summary>
public static class Ensembles
{
    /// <summary>The family's name.</summary>
    public const string FamilyName = "ensemble";

    /// <summary>The framework ensemble cards name: EcgBeats itself runs them.</summary>
    public const string Framework = "EcgBeats";

    /// <summary>The class-wise ensemble's default: S from the logistic regression (its probability x1.5), the rest from the boosted trees (docs/inter-patient.md).</summary>
    public static ClassWiseSpec DefaultClassWise { get; } =
        ClassWiseSpec.From("gbt", new Dictionary<Beats.AamiClass, string> { [Beats.AamiClass.S] = "logreg" }, new Dictionary<Beats.AamiClass, double> { [Beats.AamiClass.S] = 1.5 });

    /// <summary>Weighted average of the deep models' probabilities, weights fitted on the validation split (<see cref="EnsembleWeights"/>).</summary>
    public static EnsembleKind Weighted { get; } = new("ensemble-weighted",
        "weighted average of member probabilities, weights minimising validation log-loss", 1, "deep",
        new Dictionary<string, string> { ["members"] = "the deep models" });

    /// <summary>Every member votes (<see cref="VotingEnsemble"/>).</summary>
    public static EnsembleKind Voting { get; } = new("ensemble-voting",
        "every member votes: hard (majority) or soft (mean probability)", 1, null,
        new Dictionary<string, string> { ["members"] = "every deep and classical model", ["voting"] = "hard" });

    /// <summary>
    /// Specialists combined class by class (<see cref="ClassWiseEnsemble"/>): by default S from the logistic regression,
    /// every other class from the boosted trees, as the DS1 cross-validation chose for new patients.
    /// </summary>
    public static EnsembleKind ClassWise { get; } = new("ensemble-classwise",
        "each class from its specialist member (default: S from logreg, the rest from gbt)", 1, "classical",
        new Dictionary<string, string> { ["members"] = "gbt logreg", ["classes"] = DefaultClassWise.ToString() });

    /// <summary>The ensemble family, in every <see cref="ModelRegistry"/>.</summary>
    public static IModelFamily Family { get; } = new EnsembleFamily();

    private sealed class EnsembleFamily : IModelFamily
    {
        public string Name => FamilyName;
        public string Framework => Ensembles.Framework;
        public IReadOnlyList<ModelKind> Kinds { get; } = [Weighted, Voting, ClassWise];
        public IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening) => EnsembleStore.Open(folder, card, opening);
    }
}
