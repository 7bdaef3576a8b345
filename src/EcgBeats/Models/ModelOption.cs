using System.Globalization;

namespace EcgBeats.Models;

/// <summary>
/// One training option, declared once: its name (also its command-line flag, <c>--NAME</c>), value type, help text and
/// whether it changes the model a training makes. Model kinds bind the declarations they take (<see cref="OptionBinding{TOptions}"/>);
/// the command line's flags and help, the model card's <see cref="Classification.ModelCard.Options"/>, a run's step stamp and
/// the docs' table (docs/models.md) all read these declarations, so none of them retypes a name or a default.
/// </summary>
public abstract class ModelOption
{
    private protected ModelOption(string name, string help, bool changesResults, IReadOnlyList<string> aliases)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            throw new ArgumentException($"option name '{name}' must be lower-case letters, digits and '-'", nameof(name));
        Name = name;
        Help = help;
        ChangesResults = changesResults;
        Aliases = aliases;
    }

    /// <summary>Its name in cards and stamps; <c>--NAME</c> on the command line.</summary>
    public string Name { get; }

    /// <summary>What it does, in a sentence, for help texts and the docs.</summary>
    public string Help { get; }

    /// <summary>
    /// Whether another value may give another model (a run's step is redone when it changes). False for options that only
    /// change speed with identical results, e.g. the inference batch size.
    /// </summary>
    public bool ChangesResults { get; }

    /// <summary>Older names of the option, still accepted on the command line but not shown (kept for one release).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The type of its values.</summary>
    public abstract Type ValueType { get; }

    /// <summary>A value as text, culture-invariant: <c>0.001</c>, <c>true</c>, <c>none</c> for null.</summary>
    public static string Format(object? value) => value switch
    {
        null => "none",
        bool b => b ? "true" : "false",
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "none",
    };

    /// <summary>Calls the visitor with the typed declaration (how the command line makes a typed flag of each).</summary>
    public abstract TResult Accept<TResult>(IModelOptionVisitor<TResult> visitor);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A training option whose values are of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value type (nullable where "none" is a value).</typeparam>
/// <param name="name">Name and flag.</param>
/// <param name="help">What it does.</param>
/// <param name="changesResults">Whether another value may give another model.</param>
/// <param name="aliases">Older names, still accepted.</param>
public sealed class ModelOption<T>(string name, string help, bool changesResults = true, params string[] aliases)
    : ModelOption(name, help, changesResults, aliases)
{
    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    /// <inheritdoc />
    public override TResult Accept<TResult>(IModelOptionVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Receives a <see cref="ModelOption"/> with its value type known.</summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface IModelOptionVisitor<out TResult>
{
    /// <summary>Visits a typed declaration.</summary>
    TResult Visit<T>(ModelOption<T> option);
}
