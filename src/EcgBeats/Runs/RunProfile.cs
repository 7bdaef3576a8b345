using EcgBeats.Models;

namespace EcgBeats.Runs;

/// <summary>
/// How much work a <see cref="MainJob"/> does (the command line names three: full, quick, smoke). A profile states only the
/// options that differ from each model kind's defaults (the registry's), as declared options.
/// </summary>
/// <param name="Name">full, quick or smoke.</param>
/// <param name="MaxTrainingBeatsPerClass">Training beats kept of each class (N, S, V, F, Q; a seeded subsample), or null for all.</param>
/// <param name="Options">The options of every kind on the intra-patient split (each kind takes its own: <see cref="ModelOptions.For"/>).</param>
/// <param name="EstimatedMinutes">What it takes on this project's 2-core reference machine, both splits.</param>
public sealed record RunProfile(string Name, IReadOnlyList<int>? MaxTrainingBeatsPerClass, Func<ModelKind, ModelOptions> Options, double EstimatedMinutes)
{
    /// <summary>
    /// Processes at once (<see cref="MainJob.Lanes"/>) by default on a machine of two cores, where it was measured
    /// (docs/benchmarks.md, "Steps claimed by either process"); elsewhere the default is 1. Results depend on it through
    /// the thread counts it sets, which the model cards record.
    /// </summary>
    public int TwoCoreLanes { get; init; } = 1;

    /// <summary>The default <see cref="MainJob.Lanes"/> on a machine of <paramref name="cores"/> cores.</summary>
    public int DefaultLanes(int cores) => cores == 2 ? TwoCoreLanes : 1;

    /// <summary>No class weighs more than this in inter-patient training (DS1 holds 8 Q beats among 51,000).</summary>
    public const double InterClassWeightCap = 20;

    /// <summary>
    /// What DS1's cross-validation chose for new patients on top of the intra-patient options (docs/inter-patient.md):
    /// inverse-frequency class weights, capped.
    /// </summary>
    public static ModelOptions InterPatient { get; } = ModelOptions.None.With(CommonOptions.ClassWeights, true).With(CommonOptions.ClassWeightCap, (double?)InterClassWeightCap);

    /// <summary>The options <paramref name="kind"/> trains with on a split, with the run's seed: on the inter-patient split, also what DS1 chose for the kind on new patients (<see cref="ModelKind.NewPatient"/>).</summary>
    public ModelOptions For(ModelKind kind, bool inter, int seed) =>
        Options(kind).With(inter ? InterPatient.With(kind.NewPatient) : ModelOptions.None).With(CommonOptions.Seed, seed).For(kind);
}
