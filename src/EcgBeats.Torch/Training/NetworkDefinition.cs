using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Models;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Training;

/// <summary>A deep model kind: its network, described for cards, the options it trains with by default, and its training (<see cref="Trainer"/>).</summary>
public sealed class NetworkDefinition : ModelKind<TrainerOptions>
{
    private readonly Func<BeatLayout, int, nn.Module<Tensor, Tensor>> _create;

    internal NetworkDefinition(string name, string summary, int version, string architecture,
        Func<BeatLayout, int, nn.Module<Tensor, Tensor>> create, TrainerOptions defaults) : base(name, summary, version, defaults, DeepOptions.Bindings)
    {
        Architecture = architecture;
        _create = create;
    }

    /// <summary>The family of every network.</summary>
    public const string FamilyName = "deep";

    /// <inheritdoc />
    public override string Family => FamilyName;

    /// <summary>The architecture in words, for model cards.</summary>
    public string Architecture { get; }

    /// <summary>A freshly initialised network for beats of <paramref name="layout"/> (seed TorchSharp first for repeatable weights).</summary>
    /// <param name="layout">What one beat holds.</param>
    /// <param name="classes">Output classes.</param>
    public nn.Module<Tensor, Tensor> Create(BeatLayout layout, int classes = 5) => _create(layout, classes);

    /// <summary>Trainable parameters of a module.</summary>
    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    /// <inheritdoc />
    /// <remarks>With <see cref="TrainingContext.CheckpointFolder"/>, a checkpoint after every epoch (and <see cref="TrainingContext.Resume"/> continues from it).</remarks>
    public override IBeatClassifier Train(ValidationSplit data, TrainerOptions options, TrainingContext? context = null) =>
        Trainer.Train(this, data, options, context ?? TrainingContext.Default);
}
