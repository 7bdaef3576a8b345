using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;

namespace EcgBeats.Cli.Commands;

/// <summary>Builds the two ensembles from trained member folders, on the validation split the members held out.</summary>
internal static class EnsembleTraining
{
    public static readonly string[] DeepMembers = ["ann", "cnn", "lstm", "transformer"];
    public static readonly string[] AllMembers = ["ann", "cnn", "lstm", "transformer", "rf", "dt", "svm"];

    /// <summary>The member folders: as given, else the default members found beside <paramref name="output"/>.</summary>
    public static IReadOnlyList<string> MemberFolders(string[]? given, string output, string[] defaults)
    {
        if (given is { Length: > 0 }) return given.Select(Path.GetFullPath).ToList();
        string parent = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var found = defaults.Select(d => Path.Combine(parent, d)).Where(d => File.Exists(Path.Combine(d, ModelCard.FileName))).ToList();
        if (found.Count == 0)
            throw new InvalidInputException($"no member models found beside {output} (looked for {string.Join(", ", defaults)} in {parent}); train them first or give --members");
        return found;
    }

    /// <summary>Loads the members and checks they held out the same validation beats of this training file.</summary>
    public static (List<IBeatClassifier> Members, BeatSet Validation) Prepare(IReadOnlyList<string> folders, BeatSet data, int seed, double fraction, string file)
    {
        var members = folders.Select(f => ModelLoader.Load(f)).ToList();
        var (_, validationIndices) = IntraPatientSplit.Split(data.Labels, fraction, seed);
        string fingerprint = data.Fingerprint();
        foreach (var (member, folder) in members.Zip(folders))
        {
            var t = member.Card.TrainingData;
            if (member.Card.Seed != seed || t is null || t.Sha256 != fingerprint || t.ValidationBeats != validationIndices.Length)
                throw new InvalidInputException(
                    $"{folder}: member '{member.Name}' was not trained on {file} with seed {seed} and validation share {fraction}, so its validation beats " +
                    "are not the ensemble's; the ensemble's weights would be fitted on beats it trained on");
        }
        return (members, data.Select(validationIndices));
    }

    /// <summary>
    /// Fits an ensemble of the members in <paramref name="memberFolders"/> on the validation beats they held
    /// out (weights for the weighted average, nothing for voting), writes its card into <paramref name="folder"/>
    /// and returns it. <paramref name="voting"/> null means the weighted average.
    /// </summary>
    public static ModelCard Build(string folder, IReadOnlyList<string> memberFolders, BeatSet train, string trainFile, int seed,
        double validationFraction, VotingMode? voting, Action<string> say)
    {
        var (members, held) = Prepare(memberFolders, train, seed, validationFraction, trainFile);
        // Each member scores the validation beats once; weights and validation scores both use these.
        var probabilities = members.Select(m => m.Predict(held)).ToList();
        ModelCard card;
        ClassProbabilities combined;
        if (voting is { } mode)
        {
            card = EnsembleStore.Describe(EnsembleStore.Voting, folder, memberFolders, members, null, mode, seed, null,
                mode == VotingMode.Hard ? "majority vote; ties to the highest mean probability, then the lower label" : "mean of member probabilities");
            combined = VotingEnsemble.Combine(probabilities, mode);
        }
        else
        {
            var weights = EnsembleWeights.MinimiseLogLoss(probabilities, held.Labels);
            card = EnsembleStore.Describe(EnsembleStore.Weighted, folder, memberFolders, members, weights, null, seed, null,
                "weighted average of member probabilities; weights on the simplex minimising validation log-loss (BFGS, softmax parameters)");
            combined = WeightedAverageEnsemble.Combine(probabilities, weights);
            say($"weights: {EnsembleStore.Format(members.Select((m, i) => (m.Name, weights[i])))}");
        }
        foreach (var member in members) ModelLoader.Dispose(member);
        card = card with { Validation = Validation(combined, held) };
        Directory.CreateDirectory(folder);
        card.Write(folder);
        return card;
    }

    private static Dictionary<string, double> Validation(ClassProbabilities combined, BeatSet validation)
    {
        var matrix = ConfusionMatrix.From(validation.Labels, combined.PredictedClasses(), combined.ClassCount);
        return new Dictionary<string, double> { ["accuracy"] = matrix.Accuracy, ["macroF1"] = matrix.MacroF1, ["beats"] = matrix.Total };
    }
}
