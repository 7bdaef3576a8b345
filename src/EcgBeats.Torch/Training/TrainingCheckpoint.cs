using EcgBeats.Classification;
using EcgBeats.PhysioNet;
using EcgBeats.Io;

namespace EcgBeats.Torch.Training;

/// <summary>
/// The state of an unfinished training run, saved after every epoch so that a resumed training can go on from there. One
/// atomic unit: the epoch's files are written under names that carry the epoch (<c>checkpoint.e3.pt</c>: the last
/// epoch's weights, <c>checkpoint.e3.best.pt</c>: the best weights so far, <c>checkpoint.e3.optimizer.pt</c>: Adam's
/// moments), then <c>checkpoint.json</c> (this manifest, naming each file and its SHA-256) replaces the previous one
/// atomically, and only then are the previous epoch's files deleted. A kill at any moment leaves a manifest whose files
/// are all present and match; a file that does not match is refused by name.
/// </summary>
internal sealed record TrainingCheckpoint(
    string Model,
    string DataFingerprint,
    TrainerOptions Options,
    int Epoch,
    int BestEpoch,
    double BestMacroF1,
    List<EpochRecord> History,
    double Seconds,
    Dictionary<string, CheckpointFile>? Files = null)
{
    public const string StateFile = "checkpoint.json";
    public const string Weights = "weights", BestWeights = "best", Optimizer = "optimizer";

    /// <summary>The name of a role's file for an epoch, e.g. <c>checkpoint.e3.best.pt</c>.</summary>
    public static string FileName(int epoch, string role) => role == Weights ? $"checkpoint.e{epoch}.pt" : $"checkpoint.e{epoch}.{role}.pt";

    /// <summary>
    /// Writes the manifest last, atomically, naming <paramref name="written"/> (role -> file already in the folder),
    /// then removes every other checkpoint file.
    /// </summary>
    public void Commit(string folder, IReadOnlyDictionary<string, string> written)
    {
        var files = written.ToDictionary(w => w.Key, w => new CheckpointFile(w.Value, Sha256Sums.OfFile(Path.Combine(folder, w.Value))));
        JsonFile.Write(Path.Combine(folder, StateFile), this with { Files = files });
        var keep = files.Values.Select(f => f.Name).Append(StateFile).ToHashSet();
        foreach (string stale in CheckpointFiles(folder).Where(f => !keep.Contains(Path.GetFileName(f))))
            File.Delete(stale);
    }

    /// <summary>The checkpoint in <paramref name="folder"/>, its files checked against the manifest; null when none.</summary>
    /// <exception cref="InvalidInputException">The manifest is unreadable, or a file it names is missing or changed.</exception>
    public static TrainingCheckpoint? Read(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        if (!File.Exists(path)) return null;
        var checkpoint = JsonFile.Read<TrainingCheckpoint>(path, "a training checkpoint (delete it to start afresh)");
        if (checkpoint.Files is null || !new[] { Weights, BestWeights, Optimizer }.All(checkpoint.Files.ContainsKey))
            throw new InvalidInputException($"{path}: the checkpoint does not name its weight, best-weight and optimizer files (written by an older version?); delete it to start afresh");
        foreach (var (role, file) in checkpoint.Files)
        {
            string full = Path.Combine(folder, file.Name);
            if (SafeNames.WhyNotPlain(file.Name) is not null || !File.Exists(full))
                throw new InvalidInputException($"{full}: the {role} file named by {path} is missing; the checkpoint is incomplete (delete {StateFile} to start afresh)");
            if (Sha256Sums.OfFile(full) != file.Sha256)
                throw new InvalidInputException($"{full}: its SHA-256 differs from the one {path} recorded; the checkpoint is damaged (delete {StateFile} to start afresh)");
        }
        return checkpoint;
    }

    /// <summary>The path of a role's file in a checkpoint that <see cref="Read"/> returned.</summary>
    public string PathOf(string folder, string role) => Path.Combine(folder, Files![role].Name);

    /// <summary>Removes the checkpoint: its manifest, every epoch's files and any temporary file a kill left.</summary>
    public static void Delete(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string file in CheckpointFiles(folder).Append(Path.Combine(folder, StateFile)))
            if (File.Exists(file)) File.Delete(file);
    }

    private static IEnumerable<string> CheckpointFiles(string folder) =>
        Directory.EnumerateFiles(folder, "checkpoint.*").Concat(Directory.EnumerateFiles(folder, ".checkpoint.*"))
            .Where(f => Path.GetFileName(f) != StateFile).ToList();
}

/// <summary>A file of a checkpoint: its name in the model folder and its SHA-256 (hex).</summary>
internal sealed record CheckpointFile(string Name, string Sha256);
