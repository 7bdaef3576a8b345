using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Models;
using Microsoft.ML;

namespace EcgBeats.MlNet;

/// <summary>A classical model kind: the ML.NET estimator it trains, the options it reads, and its model in words for its card.</summary>
public sealed class ClassicalDefinition : ModelKind<ClassicalOptions>
{
    private readonly Func<MLContext, ClassicalOptions, IEstimator<ITransformer>> _estimator;

    internal ClassicalDefinition(string name, string summary, int version, string model, Func<MLContext, ClassicalOptions, IEstimator<ITransformer>> estimator,
        IReadOnlyList<OptionBinding<ClassicalOptions>> own, bool takesThreads = true)
        : base(name, summary, version, new ClassicalOptions(),
            [.. own, .. ClassicalOptionDeclarations.Shared, .. takesThreads ? [ClassicalOptionDeclarations.ThreadsBinding] : Array.Empty<OptionBinding<ClassicalOptions>>()])
    {
        Model = model;
        _estimator = estimator;
    }

    /// <summary>The family of every classical model.</summary>
    public const string FamilyName = "classical";

    /// <inheritdoc />
    public override string Family => FamilyName;

    /// <summary>The model in words, for its card (its options' values are in the card's <see cref="ModelCard.Options"/>).</summary>
    public string Model { get; }

    /// <summary>The estimator that learns it from a <c>Features</c>/<c>Label</c> key data view.</summary>
    public IEstimator<ITransformer> Estimator(MLContext ml, ClassicalOptions options) => _estimator(ml, options);

    /// <inheritdoc />
    public override IBeatClassifier Train(ValidationSplit data, ClassicalOptions options, TrainingContext? context = null) =>
        ClassicalTrainer.Train(this, data, options, context ?? TrainingContext.Default);
}
