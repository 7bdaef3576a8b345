using System.Runtime.InteropServices;
using System.Security.Cryptography;
using EcgBeats.Representations;

namespace EcgBeats.Beats;

/// <summary>Where a beat came from.</summary>
/// <param name="Record">The record's name, e.g. <c>208</c>.</param>
/// <param name="Sample">The beat's position (reference annotation or detected R peak), in samples at the record's own rate.</param>
public sealed record BeatOrigin(string Record, long Sample);

/// <summary>
/// Beats to classify: no labels. Stored row by row in one flat float32 array: beat i is
/// <c>Values[i·ValuesPerBeat .. (i+1)·ValuesPerBeat)</c>, laid out as <see cref="Recipe"/>'s layout says.
/// </summary>
public sealed class UnlabelledBeats
{
    /// <summary>Wraps <paramref name="values"/>, a whole number of beats of <paramref name="valuesPerBeat"/> values.</summary>
    /// <param name="valuesPerBeat">Values per beat.</param>
    /// <param name="values">All values, beat after beat.</param>
    /// <param name="recipe">How the beats were made, when known (a bare CSV file does not say); its layout must hold <paramref name="valuesPerBeat"/> values.</param>
    /// <param name="origins">Where each beat came from, when known.</param>
    public UnlabelledBeats(int valuesPerBeat, float[] values, RepresentationRecipe? recipe = null, BeatOrigin[]? origins = null)
    {
        if (valuesPerBeat <= 0) throw new ArgumentOutOfRangeException(nameof(valuesPerBeat), valuesPerBeat, "must be positive");
        if (values.Length % valuesPerBeat != 0)
            throw new ArgumentException($"{values.Length} values are not whole beats of {valuesPerBeat}", nameof(values));
        if (recipe is not null && recipe.Layout.ValuesPerBeat != valuesPerBeat)
            throw new ArgumentException($"recipe {recipe.Name} holds {recipe.Layout.ValuesPerBeat} values per beat, not {valuesPerBeat}", nameof(recipe));
        if (origins is not null && origins.Length != values.Length / valuesPerBeat)
            throw new ArgumentException($"{origins.Length} origins for {values.Length / valuesPerBeat} beats", nameof(origins));
        ValuesPerBeat = valuesPerBeat;
        Values = values;
        Recipe = recipe;
        Origins = origins;
    }

    /// <summary>
    /// Beats of one record from the windows a cut made (each window's sample is the beat's position at the record's rate),
    /// laid out as <paramref name="recipe"/> says.
    /// </summary>
    public static UnlabelledBeats FromWindows(string record, IReadOnlyList<BeatWindow> windows, RepresentationRecipe recipe)
    {
        int length = recipe.Layout.ValuesPerBeat;
        var values = new float[(long)windows.Count * length];
        var origins = new BeatOrigin[windows.Count];
        for (int i = 0; i < windows.Count; i++)
        {
            if (windows[i].Values.Length != length)
                throw new ArgumentException($"window {i} holds {windows[i].Values.Length} values; the layout {length}", nameof(windows));
            windows[i].Values.CopyTo(values, (long)i * length);
            origins[i] = new BeatOrigin(record, windows[i].Sample);
        }
        return new UnlabelledBeats(length, values, recipe, origins);
    }

    /// <summary>Values per beat.</summary>
    public int ValuesPerBeat { get; }

    /// <summary>All values, beat after beat.</summary>
    public float[] Values { get; }

    /// <summary>The representation the beats were made with, or null when nobody said (e.g. a CSV without its dataset card).</summary>
    public RepresentationRecipe? Recipe { get; }

    /// <summary>Where each beat came from, when known.</summary>
    public BeatOrigin[]? Origins { get; }

    /// <summary>Number of beats.</summary>
    public int Count => Values.Length / ValuesPerBeat;

    /// <summary>The values of beat <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Beat(int index) => Values.AsSpan(index * ValuesPerBeat, ValuesPerBeat);

    /// <summary>The beats at <paramref name="indices"/>, in that order (an index may repeat).</summary>
    public UnlabelledBeats Select(IReadOnlyList<int> indices)
    {
        var values = new float[(long)indices.Count * ValuesPerBeat];
        var origins = Origins is null ? null : new BeatOrigin[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Beat(indices[i]).CopyTo(values.AsSpan(i * ValuesPerBeat, ValuesPerBeat));
            if (origins is not null) origins[i] = Origins![indices[i]];
        }
        return new UnlabelledBeats(ValuesPerBeat, values, Recipe, origins);
    }

    /// <summary>The same beats, said to be made with <paramref name="recipe"/> (e.g. read from a file whose dataset card names it).</summary>
    public UnlabelledBeats WithRecipe(RepresentationRecipe? recipe) => new(ValuesPerBeat, Values, recipe, Origins);

    /// <summary>SHA-256 (hex) of the values alone.</summary>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(Values.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Joins sets of the same representation, in order.</summary>
    public static UnlabelledBeats Concat(IReadOnlyList<UnlabelledBeats> sets, int valuesPerBeat, RepresentationRecipe? recipe)
    {
        if (sets.Any(s => s.ValuesPerBeat != valuesPerBeat)) throw new ArgumentException("beat lengths differ", nameof(sets));
        bool withOrigins = sets.Count > 0 && sets.All(s => s.Origins is not null);
        var values = new float[sets.Sum(s => (long)s.Values.Length)];
        long at = 0;
        foreach (var s in sets)
        {
            s.Values.CopyTo(values, at);
            at += s.Values.Length;
        }
        return new UnlabelledBeats(valuesPerBeat, values, recipe, withOrigins ? sets.SelectMany(s => s.Origins!).ToArray() : null);
    }
}
