using System.Globalization;

namespace EcgBeats.Annotators;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (from 1, as batch schedulers number array tasks when told to:
/// Slurm <c>--array=1-N</c>, Kubernetes indexed Jobs from 0 plus one): the items at positions <c>Index-1</c>,
/// <c>Index-1+Count</c>, ... of a list. The <see cref="Count"/> shards of one list are disjoint and together hold every
/// item (round robin, so each gets a share of every part of the list).
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole list.</summary>
    public static readonly Shard All = new(1, 1);

    /// <summary>Parses <c>I/N</c> (1 &lt;= I &lt;= N).</summary>
    /// <exception cref="InvalidInputException">Not of that form.</exception>
    public static Shard Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && i >= 1 && i <= n)
            return new Shard(i, n);
        throw new InvalidInputException($"'{Io.Quote.Short(text)}' is not a shard: expected I/N with 1 <= I <= N, e.g. 3/16 (the third of 16 shards)");
    }

    /// <summary>This shard's items of <paramref name="items"/>, in list order.</summary>
    public IReadOnlyList<T> Of<T>(IReadOnlyList<T> items)
    {
        var mine = new List<T>((int)(((long)items.Count + Count - 1) / Count)); // long: Count may be int.MaxValue
        for (long k = Index - 1; k < items.Count; k += Count) mine.Add(items[(int)k]);
        return mine;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
