using EcgBeats.Classification;
using EcgBeats.Beats;

namespace EcgBeats.Models;

/// <summary>How a <see cref="VotingEnsemble"/> decides.</summary>
public enum VotingMode
{
    /// <summary>Majority of the members' predicted classes (ties: see <see cref="VotingEnsemble"/>).</summary>
    Hard,
    /// <summary>The mean of the members' probabilities.</summary>
    Soft,
}

/// <summary>
/// Combines members by voting, every member counting the same.
/// </summary>
/// <remarks>
/// Hard voting returns, for each beat, the share of members voting for each class, and predicts the
/// class with the most votes. <b>Tie rule</b>: among classes with equally many votes, the one with the
/// highest mean member probability wins; if that ties too, the lower class label (N before S before
/// V before F before Q). The rule is folded into the returned scores — vote share plus 0.001 times
/// the mean probability, renormalised — so the usual arg-max applies it; a difference of one vote
/// always outweighs the tie-breaker.
/// Soft voting returns the mean probability (a weighted average with equal weights).
/// The ensemble owns its members: disposing it disposes them.
/// </remarks>
public sealed class VotingEnsemble(IReadOnlyList<IBeatClassifier> members, VotingMode mode, ModelCard card) : Ensemble(members, card)
{
    private const float TieBreakWeight = 1e-3f;

    /// <summary>Hard or soft.</summary>
    public VotingMode Mode { get; } = mode;

    /// <inheritdoc />
    public override ClassProbabilities Predict(UnlabelledBeats beats)
    {
        Card.CheckInput(beats, "beats");
        return Combine(Members.Select(m => m.Predict(beats)).ToList(), Mode);
    }

    /// <summary>Combines member probabilities as <paramref name="mode"/> says.</summary>
    public static ClassProbabilities Combine(IReadOnlyList<ClassProbabilities> members, VotingMode mode)
    {
        var equal = Enumerable.Repeat(1.0 / members.Count, members.Count).ToArray();
        var mean = WeightedAverageEnsemble.Combine(members, equal);
        if (mode == VotingMode.Soft) return mean;
        int classes = mean.ClassCount, count = mean.Count;
        var result = new float[mean.Values.Length];
        for (int i = 0; i < count; i++)
        {
            var row = result.AsSpan(i * classes, classes);
            foreach (var member in members) row[member.Predicted(i)] += 1f / members.Count;
            var average = mean.Row(i);
            for (int c = 0; c < classes; c++) row[c] = (row[c] + TieBreakWeight * average[c]) / (1 + TieBreakWeight);
        }
        return new ClassProbabilities(result, classes);
    }
}
