using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;

namespace EcgBeats.Models;

/// <summary>How an ensemble trains: how it votes, which member gives each class, the seed its card records.</summary>
public sealed record EnsembleOptions
{
    /// <summary>ensemble-voting: hard (majority) or soft (mean probability).</summary>
    public VotingMode Voting { get; init; } = VotingMode.Hard;

    /// <summary>ensemble-classwise: which member gives each class and its factor (<see cref="ClassWiseSpec"/>'s text).</summary>
    public string Classes { get; init; } = Ensembles.DefaultClassWise.ToString();

    /// <summary>Recorded in the card (ensembles draw no random numbers).</summary>
    public int Seed { get; init; } = CommonOptions.DefaultSeed;
}

/// <summary>What fitting an ensemble kind makes of its members' validation probabilities: the ensemble, and its own validation probabilities.</summary>
internal delegate (Ensemble Model, ClassProbabilities Validation) EnsembleFit(
    EnsembleKind kind, IReadOnlyList<IBeatClassifier> members, IReadOnlyList<ClassProbabilities> validation, int[] labels, EnsembleOptions options);

/// <summary>
/// An ensemble kind: which models it combines by default and how. Trained (<see cref="ModelKind.Train(ValidationSplit, ModelOptions, TrainingContext?)"/>)
/// on the validation beats every member held out: weights for the weighted average, nothing to fit for votes and the
/// class-wise choice, only validation scores. Members that did not hold out exactly these beats are refused: the
/// ensemble would be fitted on beats a member trained on. The ensemble owns its members: give it
/// <see cref="SharedClassifier"/>s to keep using them after it is disposed.
/// </summary>
public sealed class EnsembleKind : ModelKind<EnsembleOptions>
{
    private readonly EnsembleFit _fit;

    internal EnsembleKind(string name, string summary, int version, string? memberFamily, IReadOnlyList<OptionBinding<EnsembleOptions>> bindings, EnsembleFit fit)
        : base(name, summary, version, new EnsembleOptions(), bindings)
    {
        MemberFamily = memberFamily;
        _fit = fit;
    }

    /// <summary>The family whose kinds are its default members, or null for every kind that is not an ensemble.</summary>
    public string? MemberFamily { get; }

    /// <inheritdoc />
    public override string Family => Ensembles.FamilyName;

    /// <inheritdoc />
    public override IReadOnlyList<ModelKind> DefaultMembers(ModelRegistry registry) =>
        this == Ensembles.ClassWise
            ? Ensembles.DefaultClassWise.MemberNames.Select(n => registry.Find(n)).OfType<ModelKind>().ToList()
            : registry.Kinds.Where(k => k.Family != Ensembles.FamilyName && (MemberFamily is null || k.Family == MemberFamily)).ToList();

    /// <inheritdoc />
    /// <remarks>A class-wise ensemble given <c>--classes</c> combines the kinds it names (unknown names are refused when it is trained).</remarks>
    public override IReadOnlyList<ModelKind> Members(ModelRegistry registry, ModelOptions options)
    {
        if (this != Ensembles.ClassWise || !options.TryGet(Ensembles.ClassesOption, out string text)) return DefaultMembers(registry);
        ClassWiseSpec spec;
        try { spec = ClassWiseSpec.Parse(text); }
        catch (FormatException e) { throw new InvalidInputException($"option classes: {e.Message}"); }
        var unknown = spec.MemberNames.Where(n => registry.Find(n) is null).ToList();
        if (unknown.Count > 0) throw new InvalidInputException($"option classes: no model kind named {string.Join(", ", unknown)}");
        return spec.MemberNames.Select(n => registry.Find(n)!).ToList();
    }

    /// <summary>Combines <see cref="TrainingContext.Members"/> (trained on <paramref name="data"/>'s training beats) on its validation beats.</summary>
    /// <exception cref="InvalidInputException">No members, a member that did not hold out these beats, members that disagree on their representation, or a class-wise choice naming no member.</exception>
    public override IBeatClassifier Train(ValidationSplit data, EnsembleOptions options, TrainingContext? context = null)
    {
        var members = (context ?? TrainingContext.Default).Members;
        if (members.Count == 0) throw new InvalidInputException($"{Name}: an ensemble needs at least one trained member");
        EnsembleStore.CheckMembersAgree(members, members.Select(m => m.Name).ToList());
        foreach (var member in members)
        {
            var t = member.Card.TrainingData;
            if (t is null || t.ValidationFingerprint != data.Fingerprint)
                throw new InvalidInputException(
                    $"member '{member.Name}' did not hold out this ensemble's validation beats ({data.Description} of these training beats; " +
                    $"it held out {(t is null ? "nothing recorded" : t.ValidationSplit)}), so the ensemble would be fitted on beats it trained on; train it with the same data, seed and validation split");
        }
        var held = data.Validation;
        // Each member scores the validation beats once; the weights and the validation scores both use these.
        var probabilities = members.Select(m => m.Predict(held.Unlabelled)).ToList();
        var (model, combined) = _fit(this, members, probabilities, held.Labels, options);
        var matrix = ConfusionMatrix.From(held.Labels, combined.PredictedClasses(), combined.ClassCount);
        model.Card = model.Card with { Validation = new Dictionary<string, double> { ["accuracy"] = matrix.Accuracy, ["macroF1"] = matrix.MacroF1, ["beats"] = matrix.Total } };
        return model;
    }
}

/// <summary>The ensemble kinds (declared here, once), their options and their family.</summary>
public static class Ensembles
{
    /// <summary>The family's name.</summary>
    public const string FamilyName = "ensemble";

    /// <summary>The framework ensemble cards name: EcgBeats itself runs them.</summary>
    public const string Framework = "EcgBeats";

    /// <summary>
    /// The class-wise ensemble's default, the fourth declaration's (docs/inter-patient.md): S from the mean of the dense
    /// network on the rhythm and template features and the logistic regression (x2, the smallest factor whose pooled DS1
    /// S sensitivity reaches 76%), the rest from the boosted trees. The mean keeps the network's precision and the linear
    /// model's steadiness: over seeds 42, 1 and 2 its DS1 S sensitivity spans 80-83%, the network's alone 61-74%. The
    /// third declaration took S from the network alone (x2), the first two from the logistic regression (x1.5).
    /// </summary>
    public static ClassWiseSpec DefaultClassWise { get; } = ClassWiseSpec.Parse("N:gbt S:ann+logregx2 V:gbt F:gbt Q:gbt");

    /// <summary>How a voting ensemble votes.</summary>
    public static ModelOption<VotingMode> VotingOption { get; } = new("voting", "ensemble-voting: hard (majority of predicted classes) or soft (mean probability).");

    /// <summary>Which member gives each class of a class-wise ensemble.</summary>
    public static ModelOption<string> ClassesOption { get; } = new("classes",
        "ensemble-classwise: which member gives each class and its factor, as 'N:gbt S:ann+logregx2 V:gbt F:gbt Q:gbt' (a '+' joins members whose mean probability gives the class).");

    private static OptionBinding<EnsembleOptions> SeedBinding => OptionBinding<EnsembleOptions>.Of(CommonOptions.Seed, o => o.Seed, (o, v) => o with { Seed = v });

    /// <summary>Weighted average of the deep models' probabilities, weights fitted on the validation split (<see cref="EnsembleWeights"/>).</summary>
    public static EnsembleKind Weighted { get; } = new("ensemble-weighted",
        "weighted average of member probabilities, weights minimising validation log-loss", 1, "deep", [SeedBinding],
        (kind, members, probabilities, labels, o) =>
        {
            var weights = EnsembleWeights.MinimiseLogLoss(probabilities, labels);
            var card = EnsembleStore.Describe(kind, members, o,
                "weighted average of member probabilities; weights on the simplex minimising validation log-loss (BFGS, softmax parameters)", weights);
            return (new WeightedAverageEnsemble(members, weights, card), WeightedAverageEnsemble.Combine(probabilities, weights));
        });

    /// <summary>Every member votes (<see cref="VotingEnsemble"/>).</summary>
    public static EnsembleKind Voting { get; } = new("ensemble-voting",
        "every member votes: hard (majority) or soft (mean probability)", 1, null,
        [OptionBinding<EnsembleOptions>.Of(VotingOption, o => o.Voting, (o, v) => o with { Voting = v }), SeedBinding],
        (kind, members, probabilities, _, o) =>
        {
            var card = EnsembleStore.Describe(kind, members, o,
                o.Voting == VotingMode.Hard ? "majority vote; ties to the highest mean probability, then the lower label" : "mean of member probabilities", voting: o.Voting);
            return (new VotingEnsemble(members, o.Voting, card), VotingEnsemble.Combine(probabilities, o.Voting));
        });

    /// <summary>
    /// Specialists combined class by class (<see cref="ClassWiseEnsemble"/>): by default (<see cref="DefaultClassWise"/>) S from
    /// the mean of the dense network on the rhythm and template features and the logistic regression, every other class
    /// from the boosted trees, as the DS1 cross-validation chose for new patients.
    /// </summary>
    public static EnsembleKind ClassWise { get; } = new("ensemble-classwise",
        "each class from its specialist member (default: S from the mean of ann and logreg, the rest from gbt)", 1, "classical",
        [OptionBinding<EnsembleOptions>.Of(ClassesOption, o => o.Classes, (o, v) => o with { Classes = v }), SeedBinding],
        (kind, members, probabilities, _, o) =>
        {
            ClassWiseSpec spec;
            try { spec = ClassWiseSpec.Parse(o.Classes); }
            catch (FormatException e) { throw new InvalidInputException($"option classes: {e.Message}"); }
            var card = EnsembleStore.Describe(kind, members, o, "each class's probability from its member, times its factor, renormalised", classWise: spec);
            var ensemble = new ClassWiseEnsemble(members, spec, card);   // checks that the spec names these members
            return (ensemble, ClassWiseEnsemble.Combine(probabilities, ensemble.Sources, spec.Factors));
        });

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
