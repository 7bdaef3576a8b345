using MathNet.Numerics.Random;

namespace EcgBeats;

/// <summary>
/// Every random choice in EcgBeats goes through a Mersenne Twister (MathNet.Numerics) built from a
/// seed, so the same seed gives the same numbers on every machine and .NET version.
/// </summary>
public static class SeededRandom
{
    /// <summary>A generator for <paramref name="seed"/>.</summary>
    public static Random Create(int seed) => new MersenneTwister(seed);

    /// <summary>Shuffles in place (Fisher-Yates) with <paramref name="random"/>.</summary>
    public static void Shuffle<T>(T[] items, Random random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n-1 for <paramref name="seed"/>.</summary>
    public static int[] Permutation(int n, int seed)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        Shuffle(order, Create(seed));
        return order;
    }
}
