using EcgBeats.Protocols;
using EcgBeats.Datasets;
namespace EcgBeats.Runs;

/// <summary>
/// The layout of a run folder (what <c>ecgbeats run</c> writes and <c>ecgbeats report</c> reads), spelled here once:
/// <code>
/// RUN/run.json                      how the run was made (a JSON object of strings)
/// RUN/report.html, report.md, metrics.json, metrics.csv, figures/
/// RUN/SPLIT/data/dataset.json       SPLIT: intra, inter; the dataset and its files
/// RUN/SPLIT/models/MODEL/           model.json and the model's files
/// RUN/SPLIT/evaluation/MODEL/metrics.json
/// RUN/SPLIT/ec57/MODEL/ec57.json         beat-by-beat scores of the whole test records (inter split)
/// RUN/adaptive/adaptive.json        the patient-adaptive protocol on the inter split's test records (run --splits adaptive)
/// RUN/all-patients/models/MODEL/    the declared new-patient recipe trained on all 44 records (run --profile full, train-default)
/// </code>
/// </summary>
/// <param name="Root">The run folder (full path).</param>
public sealed record RunFolder(string Root)
{
    /// <summary>Where <c>ecgbeats run</c> writes by default, relative to the working folder.</summary>
    public const string DefaultPath = "runs/latest";

    /// <summary>
    /// The model <c>ecgbeats annotate</c> uses when none is given, in the default run folder: the recipe declared for new
    /// patients trained on every MIT-BIH patient (<see cref="AllPatients"/>: <c>run --profile full</c> or
    /// <c>train-default</c> leave it) when there is one, else the same recipe trained on DS1 alone (the inter split's,
    /// whose DS2 numbers are published). Twice the patients and twice the S beats are worth more to a new record than a
    /// held-out test set it does not need (issue #27, docs/inter-patient.md).
    /// </summary>
    /// <remarks>Relative to the working folder, as the command line shows it.</remarks>
    public static string DefaultAnnotationModel => AnnotationModelIn(DefaultPath);

    /// <summary>The model <c>annotate</c> takes from the run folder <paramref name="root"/> (<see cref="DefaultAnnotationModel"/>'s rule).</summary>
    public static string AnnotationModelIn(string root) =>
        File.Exists(Path.Combine(AllPatientsModel(root), Classification.ModelCard.FileName)) ? AllPatientsModel(root) : Ds1OnlyModel(root);

    /// <summary>The declared model for new patients trained on DS1 alone, in the run folder <paramref name="root"/>.</summary>
    public static string Ds1OnlyModel(string root) => new RunFolder(root).Split("inter").Model(DeclaredNewPatientModel.Model);

    /// <summary>The declared model for new patients trained on every MIT-BIH patient, in the run folder <paramref name="root"/>.</summary>
    public static string AllPatientsModel(string root) => new RunFolder(root).AllPatients.Model(DeclaredNewPatientModel.Model);

    /// <summary>The declared recipe trained on all 44 non-paced MIT-BIH records (DS1 + DS2): its models, no test set.</summary>
    public SplitFolder AllPatients => Split("all-patients");

    /// <summary>The splits a run may hold, in report order.</summary>
    public static IReadOnlyList<string> SplitNames { get; } = ["intra", "inter"];

    /// <summary>A run folder at <paramref name="path"/> (made absolute).</summary>
    public static RunFolder At(string path) => new(Path.GetFullPath(path));

    /// <summary><c>run.json</c>.</summary>
    public string RunFile => Path.Combine(Root, "run.json");

    /// <summary>The patient-adaptive step's folder.</summary>
    public string Adaptive => Path.Combine(Root, "adaptive");

    /// <summary>The patient-adaptive step's results (<see cref="AdaptiveResult"/>).</summary>
    public string AdaptiveFile => Path.Combine(Adaptive, "adaptive.json");

    /// <summary>The figures folder.</summary>
    public string Figures => Path.Combine(Root, "figures");

    /// <summary>One split's folder.</summary>
    public SplitFolder Split(string name) => new(name, Path.Combine(Root, name));
}

/// <summary>One split of a run: its dataset, models and evaluations.</summary>
/// <param name="Name"><c>intra</c> or <c>inter</c>.</param>
/// <param name="Root">The split's folder.</param>
public sealed record SplitFolder(string Name, string Root)
{
    /// <summary>The dataset folder (<c>dataset.json</c> and its files).</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>The dataset card.</summary>
    public string DatasetCard => Path.Combine(Data, Datasets.DatasetCard.FileName);

    /// <summary>The models folder.</summary>
    public string Models => Path.Combine(Root, "models");

    /// <summary>One model's folder.</summary>
    public string Model(string name) => Path.Combine(Models, name);

    /// <summary>The evaluations folder.</summary>
    public string Evaluations => Path.Combine(Root, "evaluation");

    /// <summary>One model's evaluation folder.</summary>
    public string Evaluation(string name) => Path.Combine(Evaluations, name);

    /// <summary>One model's <c>metrics.json</c>.</summary>
    public string EvaluationFile(string name) => Path.Combine(Evaluation(name), "metrics.json");

    /// <summary>One model's folder of EC57 scores on the split's whole test records.</summary>
    public string Ec57(string name) => Path.Combine(Root, "ec57", name);

    /// <summary>One model's EC57 scores on the split's whole test records (<c>ec57.json</c>), when the run made them.</summary>
    public string Ec57File(string name) => Path.Combine(Ec57(name), "ec57.json");

    /// <summary>One model's AF episodes and rhythm gate on the whole test records (<c>rhythm.json</c>), when the run made them.</summary>
    public string Ec57RhythmFile(string name) => Path.Combine(Ec57(name), "rhythm.json");
}
