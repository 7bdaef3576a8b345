using EcgBeats.Beats;

namespace EcgBeats.Datasets;

/// <summary>
/// Reads the beat files of a dataset (Kaggle CSV, or Parquet: <see cref="BeatParquet"/>) together with their card: a file that a <c>dataset.json</c> beside it lists
/// comes back carrying the card's representation recipe and, from its provenance sidecar, each beat's origin and
/// reference symbol; every file must still have the hash the card recorded. A file with no card beside it (e.g.
/// Kaggle's own CSVs) comes back with no recipe and no origins: only its layout can be checked.
/// </summary>
public static class DatasetFiles
{
    /// <summary>The card of the dataset folder <paramref name="file"/> lies in, and the file's entry in it; nulls when there is none or it does not list the file.</summary>
    public static (DatasetCard? Card, DatasetFile? Entry) CardOf(string file)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string cardPath = Path.Combine(folder, DatasetCard.FileName);
        if (!File.Exists(cardPath)) return (null, null);
        var card = DatasetCard.Read(cardPath);
        var entry = card.Files.FirstOrDefault(f => string.Equals(f.Name, Path.GetFileName(file), StringComparison.Ordinal));
        return entry is null ? (null, null) : (card, entry);
    }

    /// <summary>Reads a labelled Kaggle-layout file, with its card's recipe when a card lists it.</summary>
    /// <exception cref="InvalidInputException">The file is malformed, or its card lists it with another hash (changed since it was built).</exception>
    public static LabelledBeats ReadLabelled(string file)
    {
        DatasetWriter.Recover(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (IsParquet(file)) return ReadParquet(file);
        var beats = KaggleCsv.Read(file, out string sha256);
        var (card, entry) = CardOf(file);
        if (card is null) return beats;
        Check(file, entry!, sha256);
        var sidecar = card.Files.FirstOrDefault(f => f.Role == entry!.Role + "Provenance");
        if (sidecar is null) return beats.WithRecipe(card.Representation);
        string path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, sidecar.Name);
        Check(path, sidecar, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
        var (origins, symbols) = ProvenanceCsv.Read(path);
        if (origins.Length != beats.Count)
            throw new InvalidInputException($"{path}: {origins.Length} rows of provenance for the {beats.Count} beats of {file}");
        return new LabelledBeats(new UnlabelledBeats(beats.ValuesPerBeat, beats.Values, card.Representation, origins), beats.Labels, symbols);
    }

    /// <summary>Reads beats to classify (with or without labels), with their card's recipe when a card lists the file.</summary>
    public static (UnlabelledBeats Beats, int[]? Labels) ReadBeats(string file)
    {
        DatasetWriter.Recover(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (IsParquet(file))
        {
            var labelled = ReadParquet(file);
            return (labelled.Unlabelled, labelled.Labels);
        }
        var (beats, labels, sha256) = KaggleCsv.ReadBeats(file);
        var (card, entry) = CardOf(file);
        if (card is null) return (beats, labels);
        Check(file, entry!, sha256);
        return (beats.WithRecipe(card.Representation), labels);
    }

    /// <summary>Whether a beat file is Parquet (by its name).</summary>
    public static bool IsParquet(string file) => file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>A Parquet beat file: its own metadata holds the recipe; a card beside it that lists it must agree and pin its bytes.</summary>
    private static LabelledBeats ReadParquet(string file)
    {
        var beats = BeatParquet.Read(file, out string sha256);
        var (card, entry) = CardOf(file);
        if (card is null) return beats;
        Check(file, entry!, sha256);
        if (card.Representation.DifferenceFrom(beats.Recipe!) is { } difference)
            throw new InvalidInputException($"{file}: the file says its beats were cut as '{beats.Recipe!.Describe()}', its {DatasetCard.FileName} as '{card.Representation.Describe()}' ({difference})");
        return beats;
    }

    private static void Check(string file, DatasetFile entry, string sha256)
    {
        if (!string.Equals(entry.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException(
                $"{file}: its SHA-256 is {sha256[..12]}..., but {DatasetCard.FileName} beside it recorded {entry.Sha256[..Math.Min(12, entry.Sha256.Length)]}...: " +
                "the file changed after the dataset was built (a mix of two builds?); rebuild the dataset");
    }
}
