using EcgBeats.Classification;
using EcgBeats.Models;

namespace EcgBeats.Tests.Classification;

public sealed class EnsembleTests
{
    private static ClassProbabilities Rows(params float[][] rows) => new(rows.SelectMany(r => r).ToArray(), rows[0].Length);

    /// <summary>A member that gives the true class probability <paramref name="confidence"/>, the rest spread evenly.</summary>
    private static ClassProbabilities Member(int[] labels, Func<int, int> says, float confidence) =>
        Rows(labels.Select((_, i) =>
        {
            var row = Enumerable.Repeat((1 - confidence) / 4, 5).ToArray();
            row[says(i)] = confidence;
            return row;
        }).ToArray());

    [Fact]
    public void WeightOptimisationFindsTheMemberThatIsClearlyBest()
    {
        var random = new Random(5);
        int[] labels = Enumerable.Range(0, 3000).Select(_ => random.Next(5)).ToArray();
        var good = Member(labels, i => random.NextDouble() < 0.95 ? labels[i] : (labels[i] + 1) % 5, 0.9f);
        var noisy = Member(labels, i => random.Next(5), 0.9f);               // confident and random
        var flat = Rows(labels.Select(_ => Enumerable.Repeat(0.2f, 5).ToArray()).ToArray());

        double[] w = EnsembleWeights.MinimiseLogLoss([noisy, good, flat], labels);

        Assert.Equal(1, w.Sum(), 9);
        Assert.All(w, v => Assert.True(v >= 0));
        Assert.True(w[1] > 0.8, $"weights {string.Join(", ", w)}");
        Assert.True(w[0] < 0.05, $"weights {string.Join(", ", w)}");
    }

    [Fact]
    public void TwoEquallyGoodComplementaryMembersShareTheWeight()
    {
        // Each is right (0.9) on its own half of the beats and flat (0.2) on the other half:
        // by symmetry the optimum is 1/2, 1/2.
        int[] labels = Enumerable.Range(0, 1000).Select(i => i % 5).ToArray();
        var first = Rows(labels.Select((l, i) => i < 500 ? OneHot(l, 0.9f) : Enumerable.Repeat(0.2f, 5).ToArray()).ToArray());
        var second = Rows(labels.Select((l, i) => i >= 500 ? OneHot(l, 0.9f) : Enumerable.Repeat(0.2f, 5).ToArray()).ToArray());
        double[] w = EnsembleWeights.MinimiseLogLoss([first, second], labels);
        Assert.Equal(0.5, w[0], 4);
        Assert.Equal(0.5, w[1], 4);
    }

    private static float[] OneHot(int label, float p)
    {
        var row = Enumerable.Repeat((1 - p) / 4, 5).ToArray();
        row[label] = p;
        return row;
    }

    [Fact]
    public void HardVotingTakesTheMajority()
    {
        var a = Rows(OneHot(2, 0.9f));
        var b = Rows(OneHot(2, 0.6f));
        var c = Rows(OneHot(0, 0.99f));
        var vote = VotingEnsemble.Combine([a, b, c], VotingMode.Hard);
        Assert.Equal(2, vote.Predicted(0));
        Assert.Equal(2f / 3, vote.Row(0)[2], 2);
    }

    [Fact]
    public void HardVotingTiesGoToTheHigherMeanProbabilityThenTheLowerLabel()
    {
        // One vote each for V (2) and S (1); S's mean probability is higher.
        var v = Rows(new[] { 0.05f, 0.30f, 0.55f, 0.05f, 0.05f });
        var s = Rows(new[] { 0.05f, 0.85f, 0.05f, 0.025f, 0.025f });
        Assert.Equal(1, VotingEnsemble.Combine([v, s], VotingMode.Hard).Predicted(0));

        // Mirror images: the votes and the mean probabilities tie, so the lower label (S before V) wins.
        var x = Rows(new[] { 0f, 0.4f, 0.6f, 0f, 0f });
        var y = Rows(new[] { 0f, 0.6f, 0.4f, 0f, 0f });
        Assert.Equal(1, VotingEnsemble.Combine([x, y], VotingMode.Hard).Predicted(0));
        Assert.Equal(1, VotingEnsemble.Combine([y, x], VotingMode.Hard).Predicted(0));
    }

    [Fact]
    public void SoftVotingIsTheMeanProbability()
    {
        var a = Rows(new[] { 0.1f, 0.2f, 0.3f, 0.2f, 0.2f });
        var b = Rows(new[] { 0.3f, 0.2f, 0.1f, 0.2f, 0.2f });
        Assert.Equal(new[] { 0.2f, 0.2f, 0.2f, 0.2f, 0.2f }, VotingEnsemble.Combine([a, b], VotingMode.Soft).Row(0).ToArray());
    }
}
