using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Models;
using EcgBeats.Torch.Architectures;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Training;

/// <summary>A deep model kind: its network, described for cards, the options it trains with by default, and its training (<see cref="Trainer"/>).</summary>
public sealed class NetworkDefinition : ModelKind<TrainerOptions>
{
    private readonly Func<BeatInput, int, nn.Module<Tensor, Tensor>> _create;
    private readonly bool _readsFeaturesAlone;

    internal NetworkDefinition(string name, string summary, int version, string architecture,
        Func<BeatInput, int, nn.Module<Tensor, Tensor>> create, TrainerOptions defaults, bool readsFeaturesAlone = false, ModelOptions? newPatient = null)
        : base(name, summary, version, defaults, DeepOptions.Bindings)
    {
        Architecture = architecture;
        _create = create;
        _readsFeaturesAlone = readsFeaturesAlone;
        NewPatient = newPatient ?? ModelOptions.None;
    }

    /// <inheritdoc />
    public override ModelOptions NewPatient { get; }

    /// <summary>The family of every network.</summary>
    public const string FamilyName = "deep";

    /// <inheritdoc />
    public override string Family => FamilyName;

    /// <summary>The architecture in words, for model cards.</summary>
    public string Architecture { get; }

    /// <summary>A freshly initialised network for beats of <paramref name="layout"/> (seed TorchSharp first for repeatable weights).</summary>
    /// <param name="layout">What one beat holds.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="inputs">What of each beat it reads.</param>
    /// <exception cref="InvalidInputException">The features alone, for a network that reads waveforms, or of a layout without features.</exception>
    public nn.Module<Tensor, Tensor> Create(BeatLayout layout, int classes = 5, NetworkInputs inputs = NetworkInputs.All)
    {
        if (inputs == NetworkInputs.Features && !_readsFeaturesAlone)
            throw new InvalidInputException($"{Name}: --inputs features is for dense networks (ann); {Name} reads waveforms");
        return _create(BeatInput.Of(layout, inputs), classes);
    }

    /// <summary>What a saved network of this kind reads, from its card's options (cards from before the option: everything).</summary>
    public static NetworkInputs InputsOf(ModelCard card) =>
        card.Options is { } options && options.TryGetValue(DeepOptions.Inputs.Name, out string? text) && Enum.TryParse(text, ignoreCase: true, out NetworkInputs inputs)
            ? inputs : NetworkInputs.All;

    /// <summary>Trainable parameters of a module.</summary>
    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    /// <inheritdoc />
    /// <remarks>With <see cref="TrainingContext.CheckpointFolder"/>, a checkpoint after every epoch (and <see cref="TrainingContext.Resume"/> continues from it).</remarks>
    public override IBeatClassifier Train(ValidationSplit data, TrainerOptions options, TrainingContext? context = null) =>
        Trainer.Train(this, data, options, context ?? TrainingContext.Default);
}
