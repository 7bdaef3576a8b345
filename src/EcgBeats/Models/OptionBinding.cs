namespace EcgBeats.Models;

/// <summary>How one declared <see cref="ModelOption"/> reads and sets a kind's typed options record (e.g. <c>TrainerOptions.Epochs</c>).</summary>
/// <typeparam name="TOptions">The kind's options record.</typeparam>
public sealed class OptionBinding<TOptions>
{
    private readonly Func<TOptions, object?> _get;
    private readonly Func<TOptions, object?, TOptions> _set;

    private OptionBinding(ModelOption option, Func<TOptions, object?> get, Func<TOptions, object?, TOptions> set)
    {
        Option = option;
        _get = get;
        _set = set;
    }

    /// <summary>The declaration bound.</summary>
    public ModelOption Option { get; }

    /// <summary>Binds <paramref name="option"/> to a field of <typeparamref name="TOptions"/>.</summary>
    public static OptionBinding<TOptions> Of<T>(ModelOption<T> option, Func<TOptions, T> get, Func<TOptions, T, TOptions> set) =>
        new(option, o => get(o), (o, v) => set(o, (T)v!));

    /// <summary>The value in <paramref name="options"/>.</summary>
    public object? Get(TOptions options) => _get(options);

    /// <summary><paramref name="options"/> with the value set.</summary>
    public TOptions Set(TOptions options, object? value) => _set(options, value);
}
