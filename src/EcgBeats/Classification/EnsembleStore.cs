using System.Globalization;

namespace EcgBeats.Classification;

/// <summary>
/// Saves and loads ensembles: a folder with <c>model.json</c> naming the member folders (relative
/// paths) and, for a weighted average, their weights. Members stay in their own folders.
/// </summary>
public static class EnsembleStore
{
    /// <summary>Model names of the two ensembles.</summary>
    public const string Weighted = "ensemble-weighted", Voting = "ensemble-voting";

    /// <summary>Writes the card of an ensemble whose members live in <paramref name="memberFolders"/>.</summary>
    public static ModelCard Describe(string model, string folder, IReadOnlyList<string> memberFolders, IReadOnlyList<IBeatClassifier> members,
        IReadOnlyList<double>? weights, VotingMode? voting, int seed, IReadOnlyDictionary<string, double>? validation, string method)
    {
        var files = new Dictionary<string, string>();
        for (int i = 0; i < members.Count; i++)
            files["member:" + members[i].Name] = Path.GetRelativePath(folder, memberFolders[i]);
        var hyper = new Dictionary<string, string> { ["members"] = string.Join(", ", members.Select(m => m.Name)), ["method"] = method };
        if (voting is { } v) hyper["voting"] = v.ToString().ToLowerInvariant();
        return new ModelCard
        {
            Model = model,
            Framework = "EcgBeats",
            Hyperparameters = hyper,
            BeatLength = members[0].Card.BeatLength,
            Classes = members[0].Card.Classes,
            TrainingData = members[0].Card.TrainingData,
            MemberWeights = weights is null ? null : members.Select((m, i) => (m.Name, weights[i])).ToDictionary(p => p.Name, p => p.Item2),
            Validation = validation,
            Seed = seed,
            Files = files,
            Versions = new Dictionary<string, string> { ["EcgBeats"] = typeof(EnsembleStore).Assembly.GetName().Version?.ToString(3) ?? "?" },
        };
    }

    /// <summary>Loads an ensemble folder; <paramref name="loadMember"/> opens each member folder.</summary>
    /// <exception cref="InvalidInputException">The card is not an ensemble's, or a member is missing.</exception>
    public static IBeatClassifier Load(string folder, ModelCard card, Func<string, IBeatClassifier> loadMember)
    {
        var members = new List<IBeatClassifier>();
        foreach (var (role, relative) in card.Files.Where(f => f.Key.StartsWith("member:", StringComparison.Ordinal)))
        {
            string memberFolder = Path.GetFullPath(Path.Combine(folder, relative));
            if (!Directory.Exists(memberFolder))
                throw new InvalidInputException($"{Path.Combine(folder, ModelCard.FileName)}: member {role[7..]} is not at {memberFolder}");
            members.Add(loadMember(memberFolder));
        }
        if (members.Count == 0) throw new InvalidInputException($"{Path.Combine(folder, ModelCard.FileName)}: an ensemble without members");
        if (card.Model == Weighted)
        {
            var weights = members.Select(m => card.MemberWeights is { } w && w.TryGetValue(m.Name, out double v) ? v
                : throw new InvalidInputException($"{folder}: no weight for member {m.Name}")).ToList();
            return new WeightedAverageEnsemble(members, weights, card);
        }
        var mode = card.Hyperparameters.TryGetValue("voting", out string? text) && text == "soft" ? VotingMode.Soft : VotingMode.Hard;
        return new VotingEnsemble(members, mode, card);
    }

    /// <summary>A compact text of weights, e.g. "ann 0.10, cnn 0.55".</summary>
    public static string Format(IEnumerable<(string Name, double Weight)> weights) =>
        string.Join(", ", weights.Select(w => $"{w.Name} {w.Weight.ToString("0.000", CultureInfo.InvariantCulture)}"));
}
