using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Runs;
using EcgBeats.Torch.Training;

namespace EcgBeats.Cli.Pipeline;

/// <summary>The profiles <c>ecgbeats run --profile</c> offers: the options that differ from each kind's defaults.</summary>
internal static class RunProfiles
{
    /// <summary>
    /// Quick epochs per network. Early stopping keeps each network's own patience (ann 6, cnn 4, lstm 5, transformer 4):
    /// replayed on the quick trainings' whole histories, patience 4 or more kept every best epoch, and the quick profile's
    /// former patience of 20 only trained on past it (docs/models.md, issue #26).
    /// </summary>
    private static readonly Dictionary<string, int> QuickEpochs = new() { ["ann"] = 20, ["cnn"] = 6, ["lstm"] = 15, ["transformer"] = 5 };

    /// <summary>Every model with its defaults on all the data (docs/benchmarks.md: 61 minutes for both splits here).</summary>
    public static RunProfile Full { get; } = new("full", null, _ => ModelOptions.None, 60);

    /// <summary>
    /// Every model, picture and table, trained briefly on at most 8,000 N and 2,500 beats of each other class:
    /// minutes, not an hour. N keeps more than the others because the test sets are mostly N: with every class
    /// capped alike, the models over-called the rare classes and the quick accuracies fell to 63-93%. On two cores it
    /// runs two processes sharing the steps, one thread per training: 261-291 s against 324-329 s in one process
    /// (docs/benchmarks.md, issue #26).
    /// </summary>
    public static RunProfile Quick { get; } = new("quick", [8000, 2500, 2500, 2500, 2500],
        kind => ModelOptions.None.With(DeepOptions.Epochs, QuickEpochs.GetValueOrDefault(kind.Name, 5))
            .With(ClassicalOptionDeclarations.Trees, 30).With(ClassicalOptionDeclarations.KernelRank, 300), 5)
    {
        TwoCoreLanes = 2,
    };

    /// <summary>For tests on the committed fixtures: one short epoch each, tiny forests.</summary>
    public static RunProfile Smoke { get; } = new("smoke", [200, 200, 200, 200, 200],
        _ => ModelOptions.None.With(DeepOptions.Epochs, 1).With(DeepOptions.Patience, 10)
            .With(ClassicalOptionDeclarations.Trees, 5).With(ClassicalOptionDeclarations.Leaves, 8)
            .With(ClassicalOptionDeclarations.KernelRank, 50).With(ClassicalOptionDeclarations.SvmIterations, 5), 1);

    /// <summary>Every profile by name.</summary>
    public static IReadOnlyList<RunProfile> All { get; } = [Quick, Full, Smoke];

    /// <summary>The profile of a name.</summary>
    public static RunProfile Parse(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new InvalidInputException($"profile '{name}': expected quick or full");
}
