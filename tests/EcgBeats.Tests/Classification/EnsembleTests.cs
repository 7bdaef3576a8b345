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

    [Fact]
    public void AClassWiseSourceOfTwoMembersIsTheirMeanTimesTheFactor()
    {
        // Hand-worked: N from a (0.6); S the mean of a and b ((0.1 + 0.5) / 2 = 0.3) x2 = 0.6; V, F, Q from a (0.1 each).
        // Sum 1.5, so N 0.4, S 0.4, V, F, Q 0.0667.
        var a = Rows([0.6f, 0.1f, 0.1f, 0.1f, 0.1f]);
        var b = Rows([0.2f, 0.5f, 0.1f, 0.1f, 0.1f]);
        var spec = ClassWiseSpec.Parse("N:a S:a+bx2 V:a F:a Q:a");
        Assert.Equal(["a"], spec.MembersOf(0));
        Assert.Equal(["a", "b"], spec.MembersOf(1));
        Assert.Equal(["a", "b"], spec.MemberNames);
        Assert.Equal("N:a S:a+bx2 V:a F:a Q:a", spec.ToString());
        var combined = ClassWiseEnsemble.Combine([a, b], [[0], [0, 1], [0], [0], [0]], spec.Factors);
        Assert.Equal(0.4, combined.Row(0)[0], 5);
        Assert.Equal(0.4, combined.Row(0)[1], 5);
        Assert.Equal(0.1 / 1.5, combined.Row(0)[2], 5);
        Assert.Throws<FormatException>(() => ClassWiseSpec.Parse("N:a S:a+ V:a F:a Q:a"));
    }
}
