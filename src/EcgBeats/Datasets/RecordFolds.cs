using EcgBeats.Beats;

namespace EcgBeats.Datasets;

/// <summary>
/// Folds of whole records, for validation that mimics new patients: no record is in two folds. Records are sorted by their
/// number of beats of one class (S by default: the rare class whose beats sit in few records; most first, ties by name) and
/// dealt round-robin, so that every fold holds some of them.
/// </summary>
public static class RecordFolds
{
    /// <summary>The records of <paramref name="data"/> (by its origins) dealt into <paramref name="folds"/> folds.</summary>
    /// <exception cref="ArgumentException">The beats carry no origins, or there are fewer records than folds.</exception>
    public static IReadOnlyList<IReadOnlySet<string>> Deal(LabelledBeats data, int folds, AamiClass spreadClass = AamiClass.S)
    {
        var origins = data.Origins ?? throw new ArgumentException("the beats do not say which record each came from", nameof(data));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < data.Count; i++)
        {
            counts.TryAdd(origins[i].Record, 0);
            if (data.Labels[i] == (int)spreadClass) counts[origins[i].Record]++;
        }
        if (counts.Count < folds) throw new ArgumentException($"{counts.Count} records cannot fill {folds} folds", nameof(folds));
        var records = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).ToList();
        var result = Enumerable.Range(0, folds).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        for (int i = 0; i < records.Count; i++) result[i % folds].Add(records[i]);
        return result;
    }
}
