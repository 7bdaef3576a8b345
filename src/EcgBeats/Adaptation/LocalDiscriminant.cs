using EcgBeats.Beats;
using MathNet.Numerics.LinearAlgebra;

namespace EcgBeats.Adaptation;

/// <summary>
/// The local classifier of de Chazal &amp; Reilly (2006)'s patient-adapting classifier: linear discriminants fitted on
/// one patient's labelled beats alone. A few hundred beats and a few hundred values per beat make the pooled
/// within-class covariance singular, so it is shrunk towards its own diagonal (each value keeps its variance, the
/// correlations are damped). Only the classes among the labelled beats are modelled; <see cref="Posteriors"/> says
/// nothing about the others (see <see cref="PatientAdaptation.Combine"/>).
/// </summary>
public sealed class LocalDiscriminant
{
    private readonly double[][] _weights;
    private readonly double[] _bias;

    private LocalDiscriminant(int[] classes, double[][] weights, double[] bias, int valuesPerBeat)
    {
        Classes = classes;
        _weights = weights;
        _bias = bias;
        ValuesPerBeat = valuesPerBeat;
    }

    /// <summary>The classes modelled (AAMI indices, ascending): those with at least one labelled beat.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>Values per beat it reads.</summary>
    public int ValuesPerBeat { get; }

    /// <summary>Fits the discriminants on <paramref name="beats"/> with their <paramref name="labels"/>.</summary>
    /// <param name="beats">The patient's labelled beats (any representation; every value is used).</param>
    /// <param name="labels">Their classes (AAMI indices).</param>
    /// <param name="shrinkage">Weight of the diagonal in the covariance, in [0, 1] (0: the pooled covariance itself).</param>
    /// <param name="equalPriors">True: every modelled class equally likely a priori; false: as often as among the labelled beats.</param>
    /// <exception cref="ArgumentException">No beats, labels of another length, or a shrinkage outside [0, 1].</exception>
    public static LocalDiscriminant Fit(UnlabelledBeats beats, IReadOnlyList<int> labels, double shrinkage, bool equalPriors)
    {
        if (beats.Count == 0) throw new ArgumentException("no labelled beats", nameof(beats));
        if (labels.Count != beats.Count) throw new ArgumentException($"{labels.Count} labels for {beats.Count} beats", nameof(labels));
        if (!(shrinkage >= 0 && shrinkage <= 1)) throw new ArgumentException($"shrinkage {shrinkage}: expected 0 to 1", nameof(shrinkage));
        int d = beats.ValuesPerBeat, n = beats.Count;
        int[] classes = labels.Distinct().Order().ToArray();
        var means = classes.Select(c =>
        {
            var m = new double[d];
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                if (labels[i] != c) continue;
                var x = beats.Beat(i);
                for (int j = 0; j < d; j++) m[j] += x[j];
                count++;
            }
            for (int j = 0; j < d; j++) m[j] /= count;
            return m;
        }).ToArray();
        var at = classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k);
        // Pooled within-class scatter, d x d.
        var scatter = Matrix<double>.Build.Dense(d, d);
        var centred = new double[d];
        for (int i = 0; i < n; i++)
        {
            var x = beats.Beat(i);
            var m = means[at[labels[i]]];
            for (int j = 0; j < d; j++) centred[j] = x[j] - m[j];
            for (int a = 0; a < d; a++)
            {
                if (centred[a] == 0) continue;
                for (int b = 0; b <= a; b++) scatter[a, b] += centred[a] * centred[b];
            }
        }
        double dof = Math.Max(1, n - classes.Length);
        double meanVariance = 0;
        for (int a = 0; a < d; a++) meanVariance += scatter[a, a] / dof;
        meanVariance /= d;
        // A value that never varies (e.g. clipped) still needs a variance: a small share of the mean one.
        double floor = 1e-6 * meanVariance + 1e-12;
        var covariance = Matrix<double>.Build.Dense(d, d, (a, b) =>
        {
            double s = (a >= b ? scatter[a, b] : scatter[b, a]) / dof;
            return a == b ? s + floor : (1 - shrinkage) * s;
        });
        var cholesky = covariance.Cholesky();
        var weights = new double[classes.Length][];
        var bias = new double[classes.Length];
        for (int k = 0; k < classes.Length; k++)
        {
            var mu = Vector<double>.Build.DenseOfArray(means[k]);
            var w = cholesky.Solve(mu);
            weights[k] = w.ToArray();
            double prior = equalPriors ? 1.0 / classes.Length : labels.Count(l => l == classes[k]) / (double)n;
            bias[k] = -0.5 * mu.DotProduct(w) + Math.Log(prior);
        }
        return new LocalDiscriminant(classes, weights, bias, d);
    }

    /// <summary>What <see cref="AdaptedClassifier"/> saves (<c>local.json</c>).</summary>
    public LocalDiscriminantFile ToFile() => new(ValuesPerBeat, [.. Classes], _weights.Select(w => (double[])w.Clone()).ToArray(), (double[])_bias.Clone());

    /// <summary>Reads <see cref="ToFile"/>'s record back, checking its shapes and values.</summary>
    /// <exception cref="InvalidInputException">Shapes that disagree, a class outside N..Q, or a value that is not finite; the message names <paramref name="path"/>.</exception>
    public static LocalDiscriminant FromFile(LocalDiscriminantFile file, string path)
    {
        int k = file.Classes?.Length ?? 0;
        if (file.ValuesPerBeat < 1 || k < 2 || file.Weights is null || file.Bias is null || file.Weights.Length != k || file.Bias.Length != k
            || file.Weights.Any(w => w is null || w.Length != file.ValuesPerBeat))
            throw new InvalidInputException($"{path}: expected 'classes' (two or more), and one row of 'weights' ({file.ValuesPerBeat} values) and one 'bias' per class");
        int[] classes = file.Classes!;
        if (classes.Any(c => c < 0 || c >= AamiMapping.ClassCount) || classes.Distinct().Count() != k || !classes.SequenceEqual(classes.Order()))
            throw new InvalidInputException($"{path}: 'classes' must be distinct ascending class indices from 0 (N) to {AamiMapping.ClassCount - 1} (Q)");
        if (file.Weights.Any(w => w.Any(v => !double.IsFinite(v))) || file.Bias.Any(v => !double.IsFinite(v)))
            throw new InvalidInputException($"{path}: a weight or bias is not a finite number");
        return new LocalDiscriminant(classes, file.Weights, file.Bias, file.ValuesPerBeat);
    }

    /// <summary>The posterior probability of each modelled class (<see cref="Classes"/>' order) for one beat; they sum to 1.</summary>
    public double[] Posteriors(ReadOnlySpan<float> beat)
    {
        if (beat.Length != ValuesPerBeat) throw new ArgumentException($"{beat.Length} values; expected {ValuesPerBeat}", nameof(beat));
        var score = new double[_weights.Length];
        for (int k = 0; k < score.Length; k++)
        {
            double s = _bias[k];
            var w = _weights[k];
            for (int j = 0; j < w.Length; j++) s += w[j] * beat[j];
            score[k] = s;
        }
        double max = score.Max(), sum = 0;
        for (int k = 0; k < score.Length; k++) sum += score[k] = Math.Exp(score[k] - max);
        for (int k = 0; k < score.Length; k++) score[k] /= sum;
        return score;
    }
}

/// <summary>A <see cref="LocalDiscriminant"/> as saved: per modelled class, the weights and bias of its linear score.</summary>
/// <param name="ValuesPerBeat">Values per beat it reads.</param>
/// <param name="Classes">The classes modelled (AAMI indices, ascending).</param>
/// <param name="Weights">Per class, one weight per value.</param>
/// <param name="Bias">Per class, the constant of its score (the log prior included).</param>
public sealed record LocalDiscriminantFile(int ValuesPerBeat, int[]? Classes, double[][]? Weights, double[]? Bias);
