using System.Runtime.InteropServices;
using System.Security.Cryptography;
using EcgBeats.Beats;
using EcgBeats.Representations;

namespace EcgBeats.Beats;

/// <summary>
/// Beats with their classes, for training and testing: <see cref="Unlabelled"/> (values, recipe, origins)
/// and one label per beat (AAMI: N=0, S=1, V=2, F=3, Q=4), with the reference annotation's symbol when known.
/// </summary>
public sealed class LabelledBeats
{
    /// <summary>Labels <paramref name="beats"/>: one label (and symbol, when given) per beat.</summary>
    public LabelledBeats(UnlabelledBeats beats, int[] labels, string[]? symbols = null)
    {
        if (labels.Length != beats.Count) throw new ArgumentException($"{labels.Length} labels for {beats.Count} beats", nameof(labels));
        if (symbols is not null && symbols.Length != labels.Length) throw new ArgumentException($"{symbols.Length} symbols for {labels.Length} beats", nameof(symbols));
        Unlabelled = beats;
        Labels = labels;
        Symbols = symbols;
    }

    /// <summary>Labels flat values: <paramref name="labels"/>.Length beats of <paramref name="valuesPerBeat"/> values each.</summary>
    public LabelledBeats(int valuesPerBeat, float[] values, int[] labels, RepresentationRecipe? recipe = null)
        : this(new UnlabelledBeats(valuesPerBeat, values, recipe), labels)
    {
    }

    /// <summary>The beats without their labels: what a classifier is given.</summary>
    public UnlabelledBeats Unlabelled { get; }

    /// <summary>One label per beat (AAMI: N=0, S=1, V=2, F=3, Q=4).</summary>
    public int[] Labels { get; }

    /// <summary>The reference annotation symbol of each beat (e.g. <c>V</c>), when known.</summary>
    public string[]? Symbols { get; }

    /// <summary>Number of beats.</summary>
    public int Count => Labels.Length;

    /// <summary>Values per beat.</summary>
    public int ValuesPerBeat => Unlabelled.ValuesPerBeat;

    /// <summary>All values, beat after beat.</summary>
    public float[] Values => Unlabelled.Values;

    /// <summary>Where each beat came from, when known.</summary>
    public BeatOrigin[]? Origins => Unlabelled.Origins;

    /// <summary>How the beats were made, when known.</summary>
    public RepresentationRecipe? Recipe => Unlabelled.Recipe;

    /// <summary>The values of beat <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Beat(int index) => Unlabelled.Beat(index);

    /// <summary>Beats per label, for labels 0..classCount-1.</summary>
    public int[] ClassCounts(int classCount = AamiMapping.ClassCount)
    {
        var counts = new int[classCount];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>The beats at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    public LabelledBeats Select(IReadOnlyList<int> indices)
    {
        var labels = new int[indices.Count];
        var symbols = Symbols is null ? null : new string[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            labels[i] = Labels[indices[i]];
            if (symbols is not null) symbols[i] = Symbols![indices[i]];
        }
        return new LabelledBeats(Unlabelled.Select(indices), labels, symbols);
    }

    /// <summary>The same beats, said to be made with <paramref name="recipe"/>.</summary>
    public LabelledBeats WithRecipe(RepresentationRecipe? recipe) => new(Unlabelled.WithRecipe(recipe), Labels, Symbols);

    /// <summary>SHA-256 (hex) of the values and labels: identifies the data, whatever file it came from.</summary>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(Values.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(Labels.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Joins sets of the same representation, in order.</summary>
    public static LabelledBeats Concat(IReadOnlyList<LabelledBeats> sets, int valuesPerBeat, RepresentationRecipe? recipe)
    {
        bool withSymbols = sets.Count > 0 && sets.All(s => s.Symbols is not null);
        return new LabelledBeats(
            UnlabelledBeats.Concat(sets.Select(s => s.Unlabelled).ToList(), valuesPerBeat, recipe),
            sets.SelectMany(s => s.Labels).ToArray(),
            withSymbols ? sets.SelectMany(s => s.Symbols!).ToArray() : null);
    }
}
