using EcgBeats.Dsp;

namespace EcgBeats.Beats;

/// <summary>
/// Everything that decides a represented beat's values: which representation (name and version of its code),
/// how the record is filtered, and the layout (leads, samples, rate, scaling, features). Written into every
/// dataset card and every model card; two recipes are the same representation when name, version, filter
/// and layout agree (the <see cref="Cut"/> text only describes them).
/// </summary>
/// <param name="Name">The representation's name, e.g. <c>kaggle-mitbih</c>.</param>
/// <param name="Version">Its code's version: raised whenever the same record would give other values.</param>
/// <param name="Cut">How beats are cut, in words, for cards and reports.</param>
/// <param name="Filter">Filtering of each whole lead before beats are cut.</param>
/// <param name="Layout">What one beat holds.</param>
public sealed record RepresentationRecipe(string Name, int Version, string Cut, FilterOptions Filter, BeatLayout Layout)
{
    /// <summary>One line naming everything that must agree, e.g. for error messages.</summary>
    public string Describe() => $"{Name} v{Version}: {Layout.Describe()}; filter: {Filter.Describe()}";

    /// <summary>What differs between this recipe and <paramref name="other"/>, in words; null when they are the same representation.</summary>
    public string? DifferenceFrom(RepresentationRecipe other)
    {
        if (Name != other.Name) return $"representation '{Name}' vs '{other.Name}'";
        if (Version != other.Version) return $"{Name} version {Version} vs {other.Version}";
        if (Filter != other.Filter) return $"filter '{Filter.Describe()}' vs '{other.Filter.Describe()}'";
        if (!Layout.Equals(other.Layout)) return $"layout '{Layout.Describe()}' vs '{other.Layout.Describe()}'";
        return null;
    }

    /// <inheritdoc />
    public bool Equals(RepresentationRecipe? other) => other is not null && DifferenceFrom(other) is null;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Version, Filter, Layout);
}
