using System.Globalization;
using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>
/// Saves and opens ensembles: a folder with <c>model.json</c> naming the member folders (relative paths) and, for a
/// weighted average, their weights. Members stay in their own folders.
/// </summary>
public static class EnsembleStore
{
    /// <summary>The card of a newly fitted ensemble of <paramref name="members"/> (its member folders are named when it is saved).</summary>
    /// <exception cref="InvalidInputException">The members disagree on their representation or classes.</exception>
    internal static ModelCard Describe(EnsembleKind kind, IReadOnlyList<IBeatClassifier> members, EnsembleOptions options, string method,
        IReadOnlyList<double>? weights = null, VotingMode? voting = null, ClassWiseSpec? classWise = null)
    {
        CheckMembersAgree(members, members.Select(m => m.Name).ToList());
        var hyper = new Dictionary<string, string> { ["members"] = string.Join(", ", members.Select(m => m.Name)), ["method"] = method };
        // Opening a saved ensemble reads these two back.
        if (voting is { } v) hyper["voting"] = v.ToString().ToLowerInvariant();
        if (classWise is not null) hyper["classes"] = classWise.ToString();
        return new ModelCard
        {
            Model = kind.Name,
            ModelVersion = kind.Version,
            Framework = Ensembles.Framework,
            Hyperparameters = hyper,
            Options = kind.Describe(options),
            Representation = members[0].Card.Representation,
            Classes = members[0].Card.Classes,
            TrainingData = members[0].Card.TrainingData,
            MemberWeights = weights is null ? null : members.Select((m, i) => (m.Name, weights[i])).ToDictionary(p => p.Name, p => p.Item2),
            Seed = options.Seed,
            Versions = new Dictionary<string, string> { ["EcgBeats"] = typeof(EnsembleStore).Assembly.GetName().Version?.ToString(3) ?? "?" },
        };
    }

    /// <summary>Refuses members that were trained on beats cut differently, or that predict other classes.</summary>
    /// <exception cref="InvalidInputException">They disagree; the message names both.</exception>
    public static void CheckMembersAgree(IReadOnlyList<IBeatClassifier> members, IReadOnlyList<string> names)
    {
        if (members.Count == 0) throw new InvalidInputException("an ensemble needs at least one member");
        var first = members[0].Card;
        for (int i = 1; i < members.Count; i++)
        {
            var card = members[i].Card;
            if (first.Representation.DifferenceFrom(card.Representation) is { } difference)
                throw new InvalidInputException(
                    $"{names[i]}: member '{card.Model}' was trained on beats cut as '{card.Representation.Describe()}', but member '{first.Model}' ({names[0]}) on '{first.Representation.Describe()}' ({difference}): an ensemble's members must read the same beats");
            if (!card.Classes.SequenceEqual(first.Classes))
                throw new InvalidInputException($"{names[i]}: member '{card.Model}' predicts {string.Join(", ", card.Classes)}, but '{first.Model}' {string.Join(", ", first.Classes)}");
        }
    }

    /// <summary>Opens an ensemble folder; its members through <paramref name="opening"/> (which refuses cycles).</summary>
    /// <exception cref="InvalidInputException">A member is missing, disagrees with the others, or has no weight.</exception>
    public static IBeatClassifier Open(string folder, ModelCard card, ModelOpening opening)
    {
        string cardPath = Path.Combine(folder, ModelCard.FileName);
        var members = new List<IBeatClassifier>();
        var folders = new List<string>();
        try
        {
            foreach (var (role, relative) in card.Files.Where(f => f.Key.StartsWith("member:", StringComparison.Ordinal)))
            {
                string memberFolder = Path.GetFullPath(Path.Combine(folder, relative));
                if (!Directory.Exists(memberFolder))
                    throw new InvalidInputException($"{cardPath}: member {role[7..]} is not at {memberFolder}");
                members.Add(opening.OpenMember(memberFolder));
                folders.Add(memberFolder);
            }
            if (members.Count == 0) throw new InvalidInputException($"{cardPath}: an ensemble without members");
            CheckMembersAgree(members, folders);
            if (card.Representation.DifferenceFrom(members[0].Card.Representation) is { } difference)
                throw new InvalidInputException($"{cardPath}: the ensemble's representation is not its members' ({difference})");
            if (card.Model == Ensembles.Weighted.Name)
            {
                var weights = members.Select(m => card.MemberWeights is { } w && w.TryGetValue(m.Name, out double v) ? v
                    : throw new InvalidInputException($"{cardPath}: no weight for member {m.Name}")).ToList();
                if (weights.Any(w => w < 0 || !double.IsFinite(w)) || Math.Abs(weights.Sum() - 1) > 1e-6)
                    throw new InvalidInputException($"{cardPath}: field 'memberWeights' must hold non-negative weights summing to 1");
                return new WeightedAverageEnsemble(members, weights, card);
            }
            if (card.Model == Ensembles.ClassWise.Name)
            {
                ClassWiseSpec spec;
                try
                {
                    spec = ClassWiseSpec.Parse(card.Hyperparameters.TryGetValue("classes", out string? classes) ? classes : "");
                }
                catch (FormatException e)
                {
                    throw new InvalidInputException($"{cardPath}: field 'hyperparameters.classes': {e.Message}");
                }
                return new ClassWiseEnsemble(members, spec, card);
            }
            var mode = card.Hyperparameters.TryGetValue("voting", out string? text) && text == "soft" ? VotingMode.Soft : VotingMode.Hard;
            return new VotingEnsemble(members, mode, card);
        }
        catch
        {
            foreach (var member in members) member.Dispose();
            throw;
        }
    }

    /// <summary>A compact text of weights, e.g. "ann 0.10, cnn 0.55".</summary>
    public static string Format(IEnumerable<(string Name, double Weight)> weights) =>
        string.Join(", ", weights.Select(w => $"{w.Name} {w.Weight.ToString("0.000", CultureInfo.InvariantCulture)}"));
}
