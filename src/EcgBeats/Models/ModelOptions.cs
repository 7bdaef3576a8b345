using System.Collections.Immutable;

namespace EcgBeats.Models;

/// <summary>
/// Option values given to a training (by a user, a run profile or a protocol): only what differs from the kind's defaults.
/// Immutable; <see cref="With{T}(ModelOption{T}, T)"/> returns a new set.
/// <code>var options = ModelOptions.None.With(CommonOptions.ClassWeights, true).With(CommonOptions.ClassWeightCap, 20.0);
/// using var model = kind.Train(split, options);</code>
/// </summary>
public sealed class ModelOptions
{
    private readonly ImmutableSortedDictionary<string, (ModelOption Option, object? Value)> _values;

    private ModelOptions(ImmutableSortedDictionary<string, (ModelOption Option, object? Value)> values) => _values = values;

    /// <summary>No option set: every kind trains with its defaults.</summary>
    public static ModelOptions None { get; } = new(ImmutableSortedDictionary.Create<string, (ModelOption, object?)>(StringComparer.Ordinal));

    /// <summary>This set with <paramref name="option"/> set to <paramref name="value"/>.</summary>
    public ModelOptions With<T>(ModelOption<T> option, T value) => new(_values.SetItem(option.Name, (option, value)));

    /// <summary>This set with <paramref name="option"/> set to <paramref name="value"/>, checked against its type.</summary>
    /// <exception cref="ArgumentException">The value is not of the option's type.</exception>
    public ModelOptions With(ModelOption option, object? value)
    {
        bool fits = value is null
            ? !option.ValueType.IsValueType || Nullable.GetUnderlyingType(option.ValueType) is not null
            : option.ValueType.IsInstanceOfType(value);
        if (!fits) throw new ArgumentException($"option {option.Name} takes {option.ValueType.Name}, not {value?.GetType().Name ?? "null"}", nameof(value));
        return new(_values.SetItem(option.Name, (option, value)));
    }

    /// <summary>This set with every value of <paramref name="other"/> (which wins where both set one).</summary>
    public ModelOptions With(ModelOptions other) => other._values.Values.Aggregate(this, (set, v) => set.With(v.Option, v.Value));

    /// <summary>Only the values <paramref name="kind"/> takes (a profile sets options for a whole family; each kind takes its own).</summary>
    public ModelOptions For(ModelKind kind) =>
        new(_values.Where(v => kind.Options.Contains(v.Value.Option)).ToImmutableSortedDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    /// <summary>The values set, by option name.</summary>
    public IEnumerable<(ModelOption Option, object? Value)> Values => _values.Values;

    /// <summary>Whether <paramref name="option"/> is set, and to what.</summary>
    public bool TryGet<T>(ModelOption<T> option, out T value)
    {
        if (_values.TryGetValue(option.Name, out var v) && v.Option == option)
        {
            value = (T)v.Value!;
            return true;
        }
        value = default!;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" ", _values.Values.Select(v => $"--{v.Option.Name} {ModelOption.Format(v.Value)}"));
}
