namespace EcgBeats.Datasets;

/// <summary>Where a beat came from.</summary>
/// <param name="Record">The record's name, e.g. <c>208</c>.</param>
/// <param name="Sample">The beat's reference sample (annotation or detected R peak), at the record's rate.</param>
/// <param name="Symbol">The reference annotation's symbol, e.g. <c>V</c>.</param>
public sealed record BeatOrigin(string Record, long Sample, string Symbol);

/// <summary>
/// A set of fixed-length beats with integer labels, stored row by row in one flat array:
/// beat i is <c>Values[i·BeatLength .. (i+1)·BeatLength)</c>, float32, usually in [0,1].
/// </summary>
public sealed class BeatSet
{
    /// <summary>Creates a set; <paramref name="origins"/> may be null (e.g. beats read from someone's CSV).</summary>
    public BeatSet(int beatLength, float[] values, int[] labels, BeatOrigin[]? origins = null)
    {
        if (beatLength <= 0) throw new ArgumentOutOfRangeException(nameof(beatLength));
        if (values.Length != (long)labels.Length * beatLength)
            throw new ArgumentException($"{values.Length} values are not {labels.Length} beats of {beatLength}", nameof(values));
        if (origins is not null && origins.Length != labels.Length)
            throw new ArgumentException($"{origins.Length} origins for {labels.Length} beats", nameof(origins));
        BeatLength = beatLength;
        Values = values;
        Labels = labels;
        Origins = origins;
    }

    /// <summary>Values per beat (187 in the Kaggle layout).</summary>
    public int BeatLength { get; }

    /// <summary>All values, beat after beat.</summary>
    public float[] Values { get; }

    /// <summary>One label per beat (AAMI: N=0, S=1, V=2, F=3, Q=4).</summary>
    public int[] Labels { get; }

    /// <summary>Where each beat came from, when known.</summary>
    public BeatOrigin[]? Origins { get; }

    /// <summary>Number of beats.</summary>
    public int Count => Labels.Length;

    /// <summary>The values of beat <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Beat(int index) => Values.AsSpan(index * BeatLength, BeatLength);

    /// <summary>Beats per label, for labels 0..classCount-1.</summary>
    public int[] ClassCounts(int classCount = Beats.AamiMapping.ClassCount)
    {
        var counts = new int[classCount];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>The beats at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    public BeatSet Select(IReadOnlyList<int> indices)
    {
        var values = new float[(long)indices.Count * BeatLength];
        var labels = new int[indices.Count];
        var origins = Origins is null ? null : new BeatOrigin[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Beat(indices[i]).CopyTo(values.AsSpan(i * BeatLength, BeatLength));
            labels[i] = Labels[indices[i]];
            if (origins is not null) origins[i] = Origins![indices[i]];
        }
        return new BeatSet(BeatLength, values, labels, origins);
    }

    /// <summary>SHA-256 (hex) of the values and labels: identifies the data, whatever file it came from.</summary>
    public string Fingerprint()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Values.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Labels.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Joins sets of the same beat length, in order.</summary>
    public static BeatSet Concat(IReadOnlyList<BeatSet> sets, int beatLength)
    {
        if (sets.Any(s => s.BeatLength != beatLength)) throw new ArgumentException("beat lengths differ", nameof(sets));
        bool withOrigins = sets.Count > 0 && sets.All(s => s.Origins is not null);
        return new BeatSet(
            beatLength,
            sets.SelectMany(s => s.Values).ToArray(),
            sets.SelectMany(s => s.Labels).ToArray(),
            withOrigins ? sets.SelectMany(s => s.Origins!).ToArray() : null);
    }
}
