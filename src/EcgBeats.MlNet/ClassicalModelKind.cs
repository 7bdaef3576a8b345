namespace EcgBeats.MlNet;

/// <summary>The classical models, each the closest honest equivalent ML.NET offers (docs/models.md).</summary>
public enum ClassicalModelKind
{
    /// <summary>
    /// Random forest: one-versus-all over ML.NET's <c>FastForest</c> binary trainer (bagged regression
    /// trees on random feature subsets, outputs averaged), probabilities from its calibrated outputs.
    /// </summary>
    RandomForest,

    /// <summary>
    /// Decision tree: one-versus-all over a single <c>FastForest</c> tree with every feature and no
    /// bagging, which is a single CART-style regression tree per class (ML.NET has no plain CART).
    /// </summary>
    DecisionTree,

    /// <summary>
    /// RBF-kernel SVM approximated: random Fourier features (<c>ApproximatedKernelMap</c> with a
    /// Gaussian kernel, Rahimi and Recht 2007) feeding one-versus-all <c>LinearSvm</c> (Pegasos),
    /// Platt-calibrated. ML.NET has no kernel SVM.
    /// </summary>
    Svm,
}

/// <summary>Names of the classical models on the command line and in model cards.</summary>
public static class ClassicalModels
{
    /// <summary>rf, dt, svm.</summary>
    public static string Name(ClassicalModelKind kind) => kind switch
    {
        ClassicalModelKind.RandomForest => "rf",
        ClassicalModelKind.DecisionTree => "dt",
        _ => "svm",
    };

    /// <summary>Parses rf, dt or svm.</summary>
    public static bool TryParse(string name, out ClassicalModelKind kind)
    {
        switch (name.ToLowerInvariant())
        {
            case "rf": kind = ClassicalModelKind.RandomForest; return true;
            case "dt": kind = ClassicalModelKind.DecisionTree; return true;
            case "svm": kind = ClassicalModelKind.Svm; return true;
            default: kind = default; return false;
        }
    }
}
