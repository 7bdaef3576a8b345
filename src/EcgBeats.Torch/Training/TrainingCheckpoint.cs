using System.Text.Json;
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

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Write(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(this, Json));

    public static TrainingCheckpoint? Read(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: the training checkpoint is damaged ({e.Message}); delete it to start afresh", e);
        }
    }

    public static void Delete(string folder)
    {
        foreach (string file in new[] { StateFile, WeightsFile, OptimizerFile, BestWeightsFile })
            File.Delete(Path.Combine(folder, file));
    }
}
