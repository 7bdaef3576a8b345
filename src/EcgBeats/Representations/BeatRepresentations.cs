using EcgBeats.Dsp;
using EcgBeats.Beats;

namespace EcgBeats.Representations;

/// <summary>Every representation by name: what <c>build-dataset --representation</c> offers, and how a model's card is turned back into the cut it needs.</summary>
public static class BeatRepresentations
{
    private static readonly Dictionary<string, (int Version, Func<FilterOptions?, IBeatRepresentation> Create, string Summary)> Known = new()
    {
        [KaggleMitBihRepresentation.Name] = (KaggleMitBihRepresentation.Version, f => new KaggleMitBihRepresentation(f),
            "the Kaggle MIT-BIH beats: first signal, beat to 20% past the next, 120 Hz, 187 values, min-max per beat"),
        [Kachuee2018Representation.Name] = (Kachuee2018Representation.Version, f => new Kachuee2018Representation(f),
            "Kachuee et al. 2018: MLII at 125 Hz, its own R peaks, 1.2 median RR, 187 values"),
        [RhythmMorphologyRepresentation.Name] = (RhythmMorphologyRepresentation.Version, f => new RhythmMorphologyRepresentation(1, f),
            "MLII from 250 ms before to 450 ms after each beat at 128 Hz, scaled by the record's QRS amplitude, 9 RR features and 2 template features (for new patients)"),
        [RhythmMorphologyRepresentation.TwoLeadName] = (RhythmMorphologyRepresentation.Version, f => new RhythmMorphologyRepresentation(2, f),
            "the same with V1 (or the record's other lead) as a second lead"),
        [RhythmMorphologyRepresentation.Name + RhythmMorphologyRepresentation.ContextSuffix] = (RhythmMorphologyRepresentation.Version, f => new RhythmMorphologyRepresentation(1, f, context: true),
            "rhythm-morphology plus 5 rhythm-context features (how regular the 16 beats either side are; fewer false S in atrial fibrillation, more missed S in frequent atrial ectopy)"),
        [RhythmMorphologyRepresentation.TwoLeadName + RhythmMorphologyRepresentation.ContextSuffix] = (RhythmMorphologyRepresentation.Version, f => new RhythmMorphologyRepresentation(2, f, context: true),
            "the same with a second lead"),
    };

    /// <summary>The names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Known.Keys];

    /// <summary>One line per representation, for help texts.</summary>
    public static string Summaries => string.Join("; ", Known.Select(k => $"{k.Key}: {k.Value.Summary}"));

    /// <summary>The representation of a name, with a filter (null: the representation's own default).</summary>
    /// <exception cref="InvalidInputException">No representation has that name.</exception>
    public static IBeatRepresentation Create(string name, FilterOptions? filter = null) =>
        Known.TryGetValue(name, out var known) ? known.Create(filter)
            : throw new InvalidInputException($"representation '{name}': expected {string.Join(" or ", Names)}");

    /// <summary>
    /// The representation a recipe describes (e.g. a model card's), so that new beats are cut exactly as the model's were.
    /// </summary>
    /// <exception cref="InvalidInputException">This version of EcgBeats does not make that representation (another name, version or layout).</exception>
    public static IBeatRepresentation For(RepresentationRecipe recipe)
    {
        if (!Known.TryGetValue(recipe.Name, out var known))
            throw new InvalidInputException($"representation '{recipe.Name}' is not one this version of EcgBeats can cut ({string.Join(", ", Names)})");
        var representation = known.Create(recipe.Filter);
        if (representation.Recipe.DifferenceFrom(recipe) is { } difference)
            throw new InvalidInputException($"the model's beats were cut as '{recipe.Describe()}', which this version of EcgBeats cannot reproduce ({difference}); retrain the model with this version");
        return representation;
    }
}
