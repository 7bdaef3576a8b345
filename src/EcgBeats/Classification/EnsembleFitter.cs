using EcgBeats.Datasets;
using EcgBeats.Metrics;

namespace EcgBeats.Classification;

/// <summary>A fitted ensemble: the classifier (owning the members it was given) and its card, as written.</summary>
/// <param name="Ensemble">The ensemble.</param>
/// <param name="Card">Its card.</param>
/// <param name="Weights">The members' weights (weighted average), or null.</param>
public sealed record FittedEnsemble(IBeatClassifier Ensemble, ModelCard Card, IReadOnlyList<double>? Weights);

/// <summary>
/// Fits ensembles of trained models on the validation beats every member held out: weights for the weighted average,
/// nothing for voting. Members that did not hold out exactly these beats are refused: the ensemble would be fitted on
/// beats a member trained on.
/// </summary>
public static class EnsembleFitter
{
    /// <summary>
    /// Fits an ensemble of <paramref name="members"/> (saved in <paramref name="memberFolders"/>) on <paramref name="split"/>'s
    /// validation beats and writes its card into <paramref name="folder"/>. The ensemble owns the members: give it
    /// <see cref="SharedClassifier"/>s to keep using them after it is disposed.
    /// </summary>
    /// <param name="kind">Weighted average or voting.</param>
    /// <param name="members">The trained members.</param>
    /// <param name="memberFolders">Their folders, in the same order.</param>
    /// <param name="folder">The ensemble's folder.</param>
    /// <param name="split">The split every member trained with.</param>
    /// <param name="voting">How a voting ensemble votes (ignored for the weighted average).</param>
    /// <param name="seed">Recorded in the card.</param>
    /// <exception cref="InvalidInputException">A member did not hold out these beats, or the members disagree on their representation.</exception>
    /// <param name="classWise">For the class-wise ensemble: which member gives each class (default <see cref="Ensembles.DefaultClassWise"/>).</param>
    public static FittedEnsemble Fit(EnsembleKind kind, IReadOnlyList<IBeatClassifier> members, IReadOnlyList<string> memberFolders, string folder,
        ValidationSplit split, VotingMode voting, int seed, ClassWiseSpec? classWise = null)
    {
        if (members.Count == 0) throw new InvalidInputException("an ensemble needs at least one member");
        EnsembleStore.CheckMembersAgree(members, memberFolders);
        foreach (var (member, memberFolder) in members.Zip(memberFolders))
        {
            var t = member.Card.TrainingData;
            if (t is null || t.ValidationFingerprint != split.Fingerprint)
                throw new InvalidInputException(
                    $"{memberFolder}: member '{member.Name}' did not hold out this ensemble's validation beats ({split.Description} of these training beats; " +
                    $"it held out {(t is null ? "nothing recorded" : t.ValidationSplit)}), so the ensemble would be fitted on beats it trained on; train it with the same data, seed and validation split");
        }
        var held = split.Validation;
        // Each member scores the validation beats once; the weights and the validation scores both use these.
        var probabilities = members.Select(m => m.Predict(held.Unlabelled)).ToList();
        ModelCard card;
        ClassProbabilities combined;
        IReadOnlyList<double>? weights = null;
        if (kind == Ensembles.ClassWise)
        {
            var spec = classWise ?? Ensembles.DefaultClassWise;
            _ = new ClassWiseEnsemble(members, spec, members[0].Card);   // checks that the spec names these members
            var source = spec.Sources.Select(name => members.ToList().FindIndex(m => m.Name == name)).ToArray();
            card = EnsembleStore.Describe(kind, folder, memberFolders, members, null, null, seed, null,
                "each class's probability from its member, times its factor, renormalised", spec);
            combined = ClassWiseEnsemble.Combine(probabilities, source, spec.Factors);
            var cwMatrix = ConfusionMatrix.From(held.Labels, combined.PredictedClasses(), combined.ClassCount);
            card = card with { Validation = new Dictionary<string, double> { ["accuracy"] = cwMatrix.Accuracy, ["macroF1"] = cwMatrix.MacroF1, ["beats"] = cwMatrix.Total } };
            Directory.CreateDirectory(folder);
            card.Write(folder);
            return new FittedEnsemble(new ClassWiseEnsemble(members, spec, card), card, null);
        }
        if (kind == Ensembles.Weighted)
        {
            weights = EnsembleWeights.MinimiseLogLoss(probabilities, held.Labels);
            card = EnsembleStore.Describe(kind, folder, memberFolders, members, weights, null, seed, null,
                "weighted average of member probabilities; weights on the simplex minimising validation log-loss (BFGS, softmax parameters)");
            combined = WeightedAverageEnsemble.Combine(probabilities, weights);
        }
        else
        {
            card = EnsembleStore.Describe(kind, folder, memberFolders, members, null, voting, seed, null,
                voting == VotingMode.Hard ? "majority vote; ties to the highest mean probability, then the lower label" : "mean of member probabilities");
            combined = VotingEnsemble.Combine(probabilities, voting);
        }
        var matrix = ConfusionMatrix.From(held.Labels, combined.PredictedClasses(), combined.ClassCount);
        card = card with { Validation = new Dictionary<string, double> { ["accuracy"] = matrix.Accuracy, ["macroF1"] = matrix.MacroF1, ["beats"] = matrix.Total } };
        Directory.CreateDirectory(folder);
        card.Write(folder);
        IBeatClassifier ensemble = weights is not null ? new WeightedAverageEnsemble(members, weights, card) : new VotingEnsemble(members, voting, card);
        return new FittedEnsemble(ensemble, card, weights);
    }
}
