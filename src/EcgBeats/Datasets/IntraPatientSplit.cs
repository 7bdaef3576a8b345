namespace EcgBeats.Datasets;

/// <summary>
/// The usual (and optimistic) split: beats drawn at random, stratified by class, so beats of
/// every patient end up on both sides. This is how the Kaggle files were split (80/20).
/// </summary>
public static class IntraPatientSplit
{
    /// <summary>
    /// Splits beat indices: for each class, <c>round(fraction·n)</c> beats (half away from zero) go to
    /// the test side, chosen by a seeded Mersenne Twister shuffle. Both lists come back ascending.
    /// </summary>
    public static (int[] Train, int[] Test) Split(IReadOnlyList<int> labels, double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must lie in (0, 1)");
        var random = SeededRandom.Create(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            int[] members = group.ToArray();
            SeededRandom.Shuffle(members, random);
            int testCount = (int)Math.Round(testFraction * members.Length, MidpointRounding.AwayFromZero);
            test.AddRange(members[..testCount]);
            train.AddRange(members[testCount..]);
        }
        train.Sort();
        test.Sort();
        return (train.ToArray(), test.ToArray());
    }
}
