using EcgBeats.Classification;
using EcgBeats.Io;

namespace EcgBeats.Torch.Training;

/// <summary>
/// The state of an unfinished training run, saved after every epoch so that <c>--resume</c> can go on
/// from there: <c>checkpoint.json</c> (this), <c>checkpoint.pt</c> (the last epoch's weights),
/// <c>checkpoint.optimizer.pt</c> (Adam's moments) and <c>checkpoint.best.pt</c> (the best weights so far).
/// </summary>
internal sealed record TrainingCheckpoint(
    string Model,
    string DataFingerprint,
    TrainerOptions Options,
    int Epoch,
    int BestEpoch,
    double BestMacroF1,
    List<EpochRecord> History,
    double Seconds)
{
    public const string StateFile = "checkpoint.json";
    public const string WeightsFile = "checkpoint.pt";
    public const string OptimizerFile = "checkpoint.optimizer.pt";
    public const string BestWeightsFile = "checkpoint.best.pt";

    public void Write(string folder) => JsonFile.Write(Path.Combine(folder, StateFile), this);

    public static TrainingCheckpoint? Read(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        if (!File.Exists(path)) return null;
        return JsonFile.Read<TrainingCheckpoint>(path, "a training checkpoint (delete it to start afresh)");
    }

    public static void Delete(string folder)
    {
        foreach (string file in new[] { StateFile, WeightsFile, OptimizerFile, BestWeightsFile })
            File.Delete(Path.Combine(folder, file));
    }
}
