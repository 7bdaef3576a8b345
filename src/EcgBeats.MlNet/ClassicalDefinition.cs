using System.Globalization;
using EcgBeats.Models;
using Microsoft.ML;

namespace EcgBeats.MlNet;

/// <summary>A classical model kind: the ML.NET estimator it trains, its options and how its card describes them.</summary>
public sealed class ClassicalDefinition : ModelKind
{
    private readonly Func<MLContext, ClassicalOptions, IEstimator<ITransformer>> _estimator;
    private readonly Func<ClassicalOptions, Dictionary<string, string>> _describe;
    private readonly IReadOnlyList<string> _options;

    internal ClassicalDefinition(string name, string summary, int version, Func<MLContext, ClassicalOptions, IEstimator<ITransformer>> estimator,
        Func<ClassicalOptions, Dictionary<string, string>> describe, IReadOnlyList<string> options) : base(name, summary, version)
    {
        _estimator = estimator;
        _describe = describe;
        _options = options;
    }

    /// <summary>The family of every classical model.</summary>
    public const string FamilyName = "classical";

    /// <inheritdoc />
    public override string Family => FamilyName;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultOptions
    {
        get
        {
            var all = Options(new ClassicalOptions());
            return _options.ToDictionary(o => o, o => all[o]);
        }
    }

    /// <summary>The options that shape this kind's model (its own, the seed and the thread count), by name: what a resumable step must stamp.</summary>
    public IReadOnlyDictionary<string, string> OptionsThatMatter(ClassicalOptions options)
    {
        var all = Options(options);
        var mine = _options.ToDictionary(o => o, o => all[o]);
        mine["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture);
        mine["classWeights"] = options.ClassWeights
            ? $"power {options.ClassWeightPower.ToString(CultureInfo.InvariantCulture)}, cap {options.ClassWeightCap?.ToString(CultureInfo.InvariantCulture) ?? "none"}" : "none";
        mine["threads"] = options.Threads?.ToString(CultureInfo.InvariantCulture) ?? "ML.NET's choice";
        return mine;
    }

    /// <summary>The estimator that learns it from a <c>Features</c>/<c>Label</c> key data view.</summary>
    public IEstimator<ITransformer> Estimator(MLContext ml, ClassicalOptions options) => _estimator(ml, options);

    /// <summary>Its hyper-parameters in words, for its card.</summary>
    public Dictionary<string, string> Describe(ClassicalOptions options) => _describe(options);

    /// <summary>Every classical option by its command-line name.</summary>
    internal static Dictionary<string, string> Options(ClassicalOptions o) => new()
    {
        ["trees"] = o.Trees.ToString(CultureInfo.InvariantCulture),
        ["leaves"] = o.Leaves.ToString(CultureInfo.InvariantCulture),
        ["min-leaf"] = o.MinimumBeatsPerLeaf.ToString(CultureInfo.InvariantCulture),
        ["feature-fraction"] = o.FeatureFraction.ToString(CultureInfo.InvariantCulture),
        ["kernel-rank"] = o.KernelRank.ToString(CultureInfo.InvariantCulture),
        ["gamma"] = o.KernelGamma.ToString(CultureInfo.InvariantCulture),
        ["svm-iterations"] = o.SvmIterations.ToString(CultureInfo.InvariantCulture),
        ["l2"] = o.L2.ToString(CultureInfo.InvariantCulture),
        ["learning-rate"] = o.LearningRate.ToString(CultureInfo.InvariantCulture),
    };
}
