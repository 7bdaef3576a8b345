using EcgBeats.MlNet;
using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;

namespace EcgBeats.Cli.Pipeline;

/// <summary>How much work <c>ecgbeats run</c> does: the full job, a quick look, or a smoke test on small data.</summary>
/// <param name="Name">full, quick or smoke.</param>
/// <param name="MaxTrainingBeatsPerClass">Training beats kept of each class (N, S, V, F, Q; a seeded subsample), or null for all.</param>
/// <param name="Deep">Training options per deep model (from the defaults).</param>
/// <param name="Classical">Options of the classical models.</param>
/// <param name="EstimatedMinutes">What it takes on this project's 2-core reference machine, both splits.</param>
public sealed record RunProfile(
    string Name,
    IReadOnlyList<int>? MaxTrainingBeatsPerClass,
    Func<NetworkKind, TrainerOptions> Deep,
    ClassicalOptions Classical,
    double EstimatedMinutes)
{
    /// <summary>Every model with its defaults on all the data (docs/benchmarks.md: 61 minutes for both splits here).</summary>
    public static RunProfile Full { get; } = new("full", null, TrainerOptions.For, new ClassicalOptions(), 60);

    /// <summary>
    /// Every model, picture and table, trained briefly on at most 8,000 N and 2,500 beats of each other class:
    /// minutes, not an hour. N keeps more than the others because the test sets are mostly N: with every class
    /// capped alike, the models over-called the rare classes and the quick accuracies fell to 63-93%.
    /// </summary>
    public static RunProfile Quick { get; } = new("quick", [8000, 2500, 2500, 2500, 2500],
        kind => TrainerOptions.For(kind) with
        {
            Epochs = kind switch { NetworkKind.Ann => 20, NetworkKind.Cnn => 6, NetworkKind.Lstm => 30, _ => 5 },
            Patience = 20,
        },
        new ClassicalOptions { Trees = 30, KernelRank = 300 }, 8);

    /// <summary>For tests on the committed fixtures: one short epoch each, tiny forests.</summary>
    public static RunProfile Smoke { get; } = new("smoke", [200, 200, 200, 200, 200],
        kind => TrainerOptions.For(kind) with { Epochs = 1, Patience = 10 },
        new ClassicalOptions { Trees = 5, Leaves = 8, KernelRank = 50, SvmIterations = 5 }, 1);

    /// <summary>The profile of a name.</summary>
    public static RunProfile Parse(string name) => name switch
    {
        "full" => Full,
        "quick" => Quick,
        "smoke" => Smoke,
        _ => throw new InvalidInputException($"--profile {name}: expected quick or full"),
    };
}
