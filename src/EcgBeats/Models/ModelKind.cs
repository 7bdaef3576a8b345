namespace EcgBeats.Models;

/// <summary>
/// A kind of model (e.g. <c>cnn</c>, <c>rf</c>, <c>ensemble-weighted</c>), declared once, in its family's registry:
/// its name, what it is, the version of its code and its default options. The command line's help, <c>train</c>,
/// <c>run</c> and the report all read kinds from the <see cref="ModelRegistry"/>.
/// </summary>
public abstract class ModelKind
{
    /// <summary>Declares a kind.</summary>
    /// <param name="name">Its name on the command line and in cards (lower case).</param>
    /// <param name="summary">What it is, in a few words, for help texts.</param>
    /// <param name="version">The version of its code: raise it when the same data and options would give another model.</param>
    protected ModelKind(string name, string summary, int version)
    {
        if (string.IsNullOrWhiteSpace(name) || name != name.ToLowerInvariant()) throw new ArgumentException($"kind name '{name}' must be lower case", nameof(name));
        Name = name;
        Summary = summary;
        Version = version;
    }

    /// <summary>Its name on the command line and in cards.</summary>
    public string Name { get; }

    /// <summary>What it is, in a few words.</summary>
    public string Summary { get; }

    /// <summary>The version of its code.</summary>
    public int Version { get; }

    /// <summary>Its family's name (<c>deep</c>, <c>classical</c>, <c>ensemble</c>).</summary>
    public abstract string Family { get; }

    /// <summary>The option values it trains with unless told otherwise, by option name (e.g. <c>epochs</c> -> <c>14</c>), for help texts.</summary>
    public abstract IReadOnlyDictionary<string, string> DefaultOptions { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
