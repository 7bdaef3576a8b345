using EcgBeats.Io;

namespace EcgBeats.Annotators;

/// <summary>
/// <c>RECORD.EXT.json</c>, written with a record's annotation file and CSV as one unit: which model and options made
/// them (<see cref="Made"/>) and what they hold. A later run with the same model and options skips the record, so an
/// archive run stopped by Ctrl+C, a crash or a scheduler's time limit goes on where it stopped.
/// </summary>
/// <param name="Record">The record's name.</param>
/// <param name="Made">The SHA-256 of the model's card, the detector and the signals chosen (see <see cref="Of"/>).</param>
/// <param name="Beats">Beats annotated.</param>
/// <param name="Counts">Beats per AAMI class, N S V F Q.</param>
/// <param name="Seconds">Time taken to read, detect, cut and classify.</param>
/// <param name="Files">SHA-256 of the annotation file and the CSV, by file name: a kill between the renames of the three
/// files (one model's annotations beside another's CSV and stamp) shows as a mismatch, and the record is annotated again.
/// Null in stamps written before they were recorded.</param>
public sealed record AnnotationStamp(string Record, string Made, int Beats, IReadOnlyList<int> Counts, double Seconds, IReadOnlyDictionary<string, string>? Files = null)
{
    /// <summary>The stamp's file beside an annotation file.</summary>
    public static string PathFor(string annotationFile) => annotationFile + ".json";

    /// <summary>
    /// What makes two annotations of one record the same: the model's card bytes, the detector, the signals, and the
    /// rhythm detection (its name and threshold, so that annotations made before it, or with another, are made again).
    /// </summary>
    public static string Of(string modelFolder, string detector, int? channel, bool rhythm) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            [.. File.ReadAllBytes(Path.Combine(modelFolder, Classification.ModelCard.FileName)),
             .. System.Text.Encoding.UTF8.GetBytes($"\n{detector}\n{channel}" + (rhythm ? $"\n{new Rhythms.AtrialFibrillationDetector().Describe()}" : ""))]));

    /// <summary>The stamp of a finished record when its three files are there and it was made by <paramref name="made"/>; else null.</summary>
    public static AnnotationStamp? Finished(string annotationFile, string csvFile, string made)
    {
        string path = PathFor(annotationFile);
        if (!File.Exists(path) || !File.Exists(annotationFile) || !File.Exists(csvFile)) return null;
        try
        {
            var stamp = JsonFile.Read<AnnotationStamp>(path, "an annotation stamp");
            if (stamp.Made != made) return null;
            // The three files must be one unit: the stamp's digests are those of the files beside it.
            foreach (string file in new[] { annotationFile, csvFile })
                if (stamp.Files is null || !stamp.Files.TryGetValue(Path.GetFileName(file), out string? sum) || sum != PhysioNet.Sha256Sums.OfFile(file))
                    return null;
            return stamp;
        }
        catch (InvalidInputException) { return null; } // a damaged stamp: annotate the record again
    }
}
