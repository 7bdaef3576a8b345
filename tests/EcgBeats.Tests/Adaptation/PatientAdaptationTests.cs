using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;

namespace EcgBeats.Tests.Adaptation;

public sealed class PatientAdaptationTests
{
    private static UnlabelledBeats Beats(params float[][] rows) => new(rows[0].Length, rows.SelectMany(r => r).ToArray());

    [Fact]
    public void TheDiscriminantsOfOneValueAreTheTextbookOnes()
    {
        // Hand-worked: class N at 0 and 2, class V at 4 and 6. Means 1 and 5; pooled variance (1 + 1 + 1 + 1) / (4 - 2) = 2.
        // Equal priors: at the midpoint 3 both are 1/2; at 5 the log-odds are (5*5 - 25/2 - 5*1 + 1/2) / 2 = 4.
        var local = LocalDiscriminant.Fit(Beats([0], [2], [4], [6]), [0, 0, 2, 2], shrinkage: 0.5, equalPriors: true);
        Assert.Equal([0, 2], local.Classes);
        Assert.Equal(0.5, local.Posteriors([3f])[0], 6);
        Assert.Equal(1 / (1 + Math.Exp(-4)), local.Posteriors([5f])[1], 5);
        // Priors as labelled (three N, one V at the same means): the log-odds fall by ln 3.
        var skewed = LocalDiscriminant.Fit(Beats([0], [2], [1], [4], [6]), [0, 0, 0, 2, 2], shrinkage: 0, equalPriors: false);
        Assert.True(skewed.Posteriors([3f])[0] > 0.5);
    }

    [Fact]
    public void ShrinkageKeepsTwoPerfectlyCorrelatedValuesSolvable()
    {
        // The second value copies the first: the pooled covariance is singular; shrunk towards its diagonal it is not.
        var local = LocalDiscriminant.Fit(Beats([0, 0], [2, 2], [4, 4], [6, 6]), [0, 0, 1, 1], shrinkage: 0.5, equalPriors: true);
        var p = local.Posteriors([6f, 6f]);
        Assert.All(p, v => Assert.True(double.IsFinite(v)));
        Assert.True(p[1] > 0.9, $"{p[1]}");
        Assert.Throws<ArgumentException>(() => LocalDiscriminant.Fit(Beats([0]), [0], shrinkage: 1.5, equalPriors: true));
    }

    [Fact]
    public void ClassesTheLabelledBeatsLackKeepTheBaseModelsProbability()
    {
        var local = LocalDiscriminant.Fit(Beats([0], [2], [4], [6]), [0, 0, 2, 2], shrinkage: 0.5, equalPriors: true);
        var beat = Beats([4.5f]);
        var q = local.Posteriors([4.5f]);
        var global = new ClassProbabilities([0.6f, 0.1f, 0.2f, 0.05f, 0.05f], 5);
        var p = PatientAdaptation.Combine(global, beat, local, localWeight: 0.5);
        // N and V share the base model's 0.8, half as it splits it, half as the local model does; S, F, Q unchanged.
        Assert.Equal(0.5 * 0.6 + 0.5 * 0.8 * q[0], p.Row(0)[0], 5);
        Assert.Equal(0.5 * 0.2 + 0.5 * 0.8 * q[1], p.Row(0)[2], 5);
        Assert.Equal(0.1, p.Row(0)[1], 6);
        Assert.Equal(0.05, p.Row(0)[3], 6);
        Assert.Equal(1, p.Row(0).ToArray().Sum(), 5);
        // Weight 0: the base model, unchanged.
        Assert.Equal(global.Values, PatientAdaptation.Combine(global, beat, local, 0).Values);
    }

    [Fact]
    public void AClassWithTooFewLabelledBeatsIsLeftToTheBaseModel()
    {
        // Two N, two V, one S: with at least 2 beats per class S is not modelled; with 3, no class pair is left.
        var beats = Beats([0], [2], [4], [6], [3]);
        int[] labels = [0, 0, 2, 2, 1];
        Assert.Equal([0, 1, 2], new AdaptationSettings(MinimumBeats: 1, MinimumSBeats: 1).Fit(beats, labels)!.Classes);
        Assert.Equal([0, 2], new AdaptationSettings(MinimumBeats: 2, MinimumSBeats: 2).Fit(beats, labels)!.Classes);
        Assert.Null(new AdaptationSettings(MinimumBeats: 3, MinimumSBeats: 3).Fit(beats, labels));
        // S alone may ask for more: the one S beat is left to the base model, the two N and two V are modelled.
        Assert.Equal([0, 2], new AdaptationSettings(MinimumBeats: 1, MinimumSBeats: 2).Fit(beats, labels)!.Classes);
        // One class alone tells nothing the base model does not.
        Assert.Null(new AdaptationSettings().Fit(Beats([0], [1]), [0, 0]));
    }
}
