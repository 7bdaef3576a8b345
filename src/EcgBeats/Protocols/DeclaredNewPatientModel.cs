namespace EcgBeats.Protocols;

/// <summary>
/// The recipe declared for new patients and the evaluation that stands for it (docs/inter-patient.md, "The fourth
/// declaration"), said once: the cards of models trained by that recipe on every patient (<see cref="Runs.MainJob.AllPatients"/>),
/// which have no held-out patients of their own, point here.
/// </summary>
public static class DeclaredNewPatientModel
{
    /// <summary>The declared model kind: the class-wise ensemble.</summary>
    public const string Model = "ensemble-classwise";

    /// <summary>The commit that declared the recipe before DS2 was read for it.</summary>
    public const string DeclarationCommit = "9340e53";

    /// <summary>The recipe, in words.</summary>
    public const string Recipe =
        "the fourth declaration for new patients (commit " + DeclarationCommit + "): the rhythm-morphology-2lead beats, ensemble-classwise " +
        "(S from the mean of ann on the features and logreg x2, N V F Q from gbt), inverse-frequency class weights capped at 20, the " +
        "P-wave AF detector and the rhythm gate, early stopping and ensemble weights on a record fold of the training records";

    /// <summary>What stands for a model of this recipe: the same recipe trained on DS1 alone and read once on DS2.</summary>
    public const string Evaluation =
        "the same recipe trained on DS1 alone and read once on DS2, end to end, de Chazal mapping, seed 42, full profile: " +
        "SVEB Se 83.89 / +P 55.40, VEB Se 91.29 / +P 95.93, macro-F1 0.652 (commit 1446c6b; docs/inter-patient.md)";
}
