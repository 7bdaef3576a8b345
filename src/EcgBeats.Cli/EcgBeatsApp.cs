using System.CommandLine;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Torch;

namespace EcgBeats.Cli;

/// <summary>What every command of <c>ecgbeats</c> shares: the model registry and the <c>--data</c> option (the command tree is <see cref="Commands.CommandTree"/>).</summary>
public static class EcgBeatsApp
{
    /// <summary>The <c>--data DIR</c> option every data-reading command shares.</summary>
    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "Folder of the MIT-BIH records (default: $ECGBEATS_DATA, else ~/.local/share/ecgbeats/mitdb).",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>Every model kind this program trains and opens: the TorchSharp networks, the ML.NET models and the ensembles.</summary>
    /// <remarks>Made at first use: making it loads TorchSharp and ML.NET, which commands without models (samples, info,
    /// score) never need; as a plain static it was made whenever <see cref="DataOption"/> was first read.</remarks>
    public static ModelRegistry Models => LazyModels.Value;

    private static readonly Lazy<ModelRegistry> LazyModels = new(() => new(TorchModels.Family, ClassicalModels.Family, Adaptation.AdaptationFamily.Instance));
}
