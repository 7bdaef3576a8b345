using System.Globalization;
using EcgBeats.Models;
using EcgBeats.Representations;
using EcgBeats.Torch.Training;
using static TorchSharp.torch;

namespace EcgBeats.Torch.Architectures;

/// <summary>A deep model kind: its network, described for cards, and the options it trains with by default.</summary>
public sealed class NetworkDefinition : ModelKind
{
    private readonly Func<BeatLayout, int, nn.Module<Tensor, Tensor>> _create;

    internal NetworkDefinition(string name, string summary, int version, string architecture,
        Func<BeatLayout, int, nn.Module<Tensor, Tensor>> create, TrainerOptions defaults) : base(name, summary, version)
    {
        Architecture = architecture;
        _create = create;
        Defaults = defaults;
    }

    /// <summary>The family of every network.</summary>
    public const string FamilyName = "deep";

    /// <inheritdoc />
    public override string Family => FamilyName;

    /// <summary>The architecture in words, for model cards.</summary>
    public string Architecture { get; }

    /// <summary>How it trains unless told otherwise.</summary>
    public TrainerOptions Defaults { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> DefaultOptions => new Dictionary<string, string>
    {
        ["epochs"] = Defaults.Epochs.ToString(CultureInfo.InvariantCulture),
        ["batch"] = Defaults.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["lr"] = Defaults.LearningRate.ToString(CultureInfo.InvariantCulture),
        ["patience"] = Defaults.Patience.ToString(CultureInfo.InvariantCulture),
        ["clip"] = Defaults.ClipGradientNorm?.ToString(CultureInfo.InvariantCulture) ?? "none",
    };

    /// <summary>A freshly initialised network for beats of <paramref name="layout"/> (seed TorchSharp first for repeatable weights).</summary>
    /// <param name="layout">What one beat holds.</param>
    /// <param name="classes">Output classes.</param>
    public nn.Module<Tensor, Tensor> Create(BeatLayout layout, int classes = 5) => _create(layout, classes);
}
