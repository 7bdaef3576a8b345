using EcgBeats.Classification;
using EcgBeats.Beats;

namespace EcgBeats.Models;

/// <summary>
/// Averages its members' class probabilities with fixed weights (on the probability simplex),
/// found by <see cref="EnsembleWeights.MinimiseLogLoss"/> on a validation split none of the members trained on.
/// It owns its members: disposing it disposes them.
/// </summary>
public sealed class WeightedAverageEnsemble : Ensemble
{
    /// <summary>Combines <paramref name="members"/> with <paramref name="weights"/> (non-negative, summing to 1).</summary>
    public WeightedAverageEnsemble(IReadOnlyList<IBeatClassifier> members, IReadOnlyList<double> weights, ModelCard card) : base(members, card)
    {
        if (members.Count == 0 || members.Count != weights.Count) throw new ArgumentException("one weight per member, at least one member");
        if (weights.Any(w => w < 0 || double.IsNaN(w)) || Math.Abs(weights.Sum() - 1) > 1e-6)
            throw new ArgumentException("weights must be non-negative and sum to 1", nameof(weights));
        Weights = weights;
    }

    /// <summary>One weight per member.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <inheritdoc />
    public override ClassProbabilities Predict(UnlabelledBeats beats)
    {
        Card.CheckInput(beats, "beats");
        return Combine(Members.Select(m => m.Predict(beats)).ToList(), Weights);
    }

    /// <summary>Σ w_m · P_m, row by row.</summary>
    public static ClassProbabilities Combine(IReadOnlyList<ClassProbabilities> members, IReadOnlyList<double> weights)
    {
        int classes = members[0].ClassCount;
        var result = new float[members[0].Values.Length];
        for (int m = 0; m < members.Count; m++)
        {
            float w = (float)weights[m];
            float[] values = members[m].Values;
            for (int i = 0; i < result.Length; i++) result[i] += w * values[i];
        }
        return new ClassProbabilities(result, classes);
    }
}
