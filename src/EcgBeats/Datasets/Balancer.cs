using EcgBeats.Beats;
namespace EcgBeats.Datasets;

/// <summary>
/// Class balancing of a training set, as the reference pipeline does it: every class is brought to
/// the same size, majority classes by drawing without replacement, minority classes by drawing
/// with replacement (sklearn's <c>resample(replace=True)</c>). Never apply it to a test set.
/// </summary>
public static class Balancer
{
    /// <summary>The reference pipeline's size per class.</summary>
    public const int DefaultPerClass = 20_000;

    /// <summary>
    /// Returns a new set with <paramref name="perClass"/> beats of every class present (absent classes
    /// stay absent), drawn with a seeded Mersenne Twister; rows are grouped by class, in class order.
    /// </summary>
    public static LabelledBeats Balance(LabelledBeats beats, int perClass, int seed)
    {
        if (perClass <= 0) throw new ArgumentOutOfRangeException(nameof(perClass), perClass, "must be positive");
        var random = SeededRandom.Create(seed);
        var chosen = new List<int>(perClass * 5);
        foreach (var group in Enumerable.Range(0, beats.Count).GroupBy(i => beats.Labels[i]).OrderBy(g => g.Key))
        {
            int[] members = group.ToArray();
            if (members.Length >= perClass)
            {
                SeededRandom.Shuffle(members, random);
                chosen.AddRange(members[..perClass].Order());
            }
            else
            {
                for (int k = 0; k < perClass; k++) chosen.Add(members[random.Next(members.Length)]);
            }
        }
        return beats.Select(chosen);
    }

    /// <summary>
    /// Class weights inversely proportional to class frequency, <c>n / (classes · n_c)</c> (sklearn's
    /// "balanced"); a class with no beats gets weight 0.
    /// </summary>
    public static double[] ClassWeights(LabelledBeats beats, int classCount = Beats.AamiMapping.ClassCount)
    {
        int[] counts = beats.ClassCounts(classCount);
        int present = counts.Count(c => c > 0);
        return counts.Select(c => c == 0 ? 0 : (double)beats.Count / (present * c)).ToArray();
    }
}
