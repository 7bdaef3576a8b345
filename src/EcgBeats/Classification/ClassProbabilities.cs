namespace EcgBeats.Classification;

/// <summary>
/// Class probabilities for a set of beats, row by row: beat i's probabilities are
/// <c>Values[i·ClassCount .. (i+1)·ClassCount)</c>, each row summing to 1.
/// </summary>
public sealed class ClassProbabilities
{
    /// <summary>Wraps a flat array of <c>count × classCount</c> probabilities.</summary>
    public ClassProbabilities(float[] values, int classCount)
    {
        if (classCount <= 0 || values.Length % classCount != 0)
            throw new ArgumentException($"{values.Length} values are not rows of {classCount} classes", nameof(values));
        Values = values;
        ClassCount = classCount;
    }

    /// <summary>All probabilities, beat after beat.</summary>
    public float[] Values { get; }

    /// <summary>Classes per beat.</summary>
    public int ClassCount { get; }

    /// <summary>Number of beats.</summary>
    public int Count => Values.Length / ClassCount;

    /// <summary>The probabilities of beat <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * ClassCount, ClassCount);

    /// <summary>The most probable class of beat <paramref name="index"/> (the lowest class on a tie).</summary>
    public int Predicted(int index)
    {
        var row = Row(index);
        int best = 0;
        for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }

    /// <summary>The most probable class of every beat.</summary>
    public int[] PredictedClasses() => Enumerable.Range(0, Count).Select(Predicted).ToArray();
}
