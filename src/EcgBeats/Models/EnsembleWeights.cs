using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using EcgBeats.Classification;

namespace EcgBeats.Models;

/// <summary>
/// Finds the weights of a weighted-average ensemble: the point of the probability simplex (weights
/// ≥ 0 summing to 1) that minimises the log-loss of the averaged probabilities on a validation set.
/// </summary>
/// <remarks>
/// Log-loss rather than macro-F1: it is smooth and convex in the weights (the negative log of a
/// linear function), so the optimum is found reliably, and it rewards calibrated probabilities
/// rather than one threshold's counts. The weights are parameterised as a softmax of free
/// parameters and found with MathNet's BFGS from equal weights, with the analytic gradient.
/// </remarks>
public static class EnsembleWeights
{
    /// <summary>Optimal weights for <paramref name="members"/>' probabilities of the beats whose true classes are <paramref name="labels"/>.</summary>
    public static double[] MinimiseLogLoss(IReadOnlyList<ClassProbabilities> members, IReadOnlyList<int> labels)
    {
        int m = members.Count;
        if (m == 0) throw new ArgumentException("an ensemble needs members", nameof(members));
        if (members.Any(p => p.Count != labels.Count)) throw new ArgumentException("every member must score every validation beat", nameof(members));
        if (m == 1) return [1.0];
        int n = labels.Count;
        // p[k][i]: member k's probability of beat i's true class.
        var p = members.Select(probabilities => Enumerable.Range(0, n).Select(i => (double)probabilities.Row(i)[labels[i]]).ToArray()).ToArray();
        const double floor = 1e-12;

        (double, Vector<double>) LossAndGradient(Vector<double> theta)
        {
            double[] w = Softmax(theta);
            double loss = 0;
            var g = new double[m];
            for (int i = 0; i < n; i++)
            {
                double q = floor;
                for (int k = 0; k < m; k++) q += w[k] * p[k][i];
                loss -= Math.Log(q);
                for (int k = 0; k < m; k++) g[k] -= p[k][i] / q;
            }
            double mean = 0;
            for (int k = 0; k < m; k++) { g[k] /= n; mean += w[k] * g[k]; }
            var gradient = Vector<double>.Build.Dense(m, k => w[k] * (g[k] - mean));
            return (loss / n, gradient);
        }

        var objective = ObjectiveFunction.Gradient(LossAndGradient);
        try
        {
            var result = new BfgsMinimizer(1e-7, 1e-9, 1e-12, 1000).FindMinimum(objective, Vector<double>.Build.Dense(m));
            return Softmax(result.MinimizingPoint);
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException)
        {
            // Rare: an optimum at a corner of the simplex sends the parameters towards infinity.
            // Exponentiated gradient descent stays on the simplex and gets there.
            var w = Enumerable.Repeat(1.0 / m, m).ToArray();
            for (int step = 0; step < 2000; step++)
            {
                var (_, gradient) = LossAndGradient(Vector<double>.Build.Dense(w.Select(v => Math.Log(v)).ToArray()));
                // gradient[k] = w_k (g_k - mean): divide w_k out and step multiplicatively.
                for (int k = 0; k < m; k++) w[k] *= Math.Exp(-0.5 * gradient[k] / Math.Max(w[k], 1e-300));
                double sum = w.Sum();
                for (int k = 0; k < m; k++) w[k] /= sum;
            }
            return w;
        }
    }

    private static double[] Softmax(Vector<double> theta)
    {
        double max = theta.Maximum();
        double[] e = theta.Select(t => Math.Exp(t - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
