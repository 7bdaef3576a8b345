using EcgBeats.MlNet;
using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;

namespace EcgBeats.Cli.Pipeline;

/// <summary>
/// How much work <c>ecgbeats run</c> does: the full job, a quick look, or a smoke test on small data. A profile states
/// only what differs from each model kind's defaults (the registry's).
/// </summary>
/// <param name="Name">full, quick or smoke.</param>
/// <param name="MaxTrainingBeatsPerClass">Training beats kept of each class (N, S, V, F, Q; a seeded subsample), or null for all.</param>
/// <param name="Deep">The options a network trains with on the intra-patient split, from its defaults.</param>
/// <param name="Classical">The options of the classical models on the intra-patient split, from the defaults.</param>
/// <param name="EstimatedMinutes">What it takes on this project's 2-core reference machine, both splits.</param>
public sealed record RunProfile(
    string Name,
    IReadOnlyList<int>? MaxTrainingBeatsPerClass,
    Func<NetworkDefinition, TrainerOptions> Deep,
    Func<ClassicalOptions, ClassicalOptions> Classical,
    double EstimatedMinutes)
{
    /// <summary>
    /// The options a network trains with for new patients (DS1): its intra-patient options with what the DS1 cross-validation
    /// chose (docs/inter-patient.md): inverse-frequency class weights, capped.
    /// </summary>
    public Func<NetworkDefinition, TrainerOptions> InterDeep { get; init; } = network => Deep(network) with { ClassWeights = true, ClassWeightCap = InterClassWeightCap };

    /// <summary>The options of the classical models for new patients: their intra-patient options with inverse-frequency example weights, capped (DS1 cross-validation).</summary>
    public Func<ClassicalOptions, ClassicalOptions> InterClassical { get; init; } = options => Classical(options) with { ClassWeights = true, ClassWeightCap = InterClassWeightCap };

    /// <summary>No class weighs more than this in inter-patient training (DS1 holds 8 Q beats among 51,000).</summary>
    public const double InterClassWeightCap = 20;

    /// <summary>Quick epochs per network: the LSTM learns slowly and gets many short epochs.</summary>
    private static readonly Dictionary<string, int> QuickEpochs = new() { ["ann"] = 20, ["cnn"] = 6, ["lstm"] = 30, ["transformer"] = 5 };

    /// <summary>Every model with its defaults on all the data (docs/benchmarks.md: 61 minutes for both splits here).</summary>
    public static RunProfile Full { get; } = new("full", null, network => network.Defaults, o => o, 60);

    /// <summary>
    /// Every model, picture and table, trained briefly on at most 8,000 N and 2,500 beats of each other class:
    /// minutes, not an hour. N keeps more than the others because the test sets are mostly N: with every class
    /// capped alike, the models over-called the rare classes and the quick accuracies fell to 63-93%.
    /// </summary>
    public static RunProfile Quick { get; } = new("quick", [8000, 2500, 2500, 2500, 2500],
        network => network.Defaults with { Epochs = QuickEpochs.GetValueOrDefault(network.Name, 5), Patience = 20 },
        o => o with { Trees = 30, KernelRank = 300 }, 8);

    /// <summary>For tests on the committed fixtures: one short epoch each, tiny forests.</summary>
    public static RunProfile Smoke { get; } = new("smoke", [200, 200, 200, 200, 200],
        network => network.Defaults with { Epochs = 1, Patience = 10 },
        o => o with { Trees = 5, Leaves = 8, KernelRank = 50, SvmIterations = 5 }, 1);

    /// <summary>Every profile by name.</summary>
    public static IReadOnlyList<RunProfile> All { get; } = [Quick, Full, Smoke];

    /// <summary>The profile of a name.</summary>
    public static RunProfile Parse(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new InvalidInputException($"--profile {name}: expected quick or full");
}
