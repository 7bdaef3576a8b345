using EcgBeats.Classification;
using EcgBeats.Datasets;

namespace EcgBeats.Models;

/// <summary>
/// A kind of model (e.g. <c>cnn</c>, <c>rf</c>, <c>ensemble-weighted</c>), declared once, in its family's registry:
/// its name, what it is, the version of its code, the options it takes, and how it trains. Training is in memory
/// (<see cref="Train(ValidationSplit, ModelOptions, TrainingContext?)"/> returns the model; saving it is
/// <see cref="IBeatClassifier.Save"/>), so <c>train</c>, <c>run</c>, the cross-validation and a notebook all call the
/// same entry and none of them tests a model's type.
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

    /// <summary>The options it takes, in the order cards and help list them.</summary>
    public abstract IReadOnlyList<ModelOption> Options { get; }

    /// <summary>Every option it takes with the value it would train with, given <paramref name="options"/> (its defaults elsewhere), as text.</summary>
    /// <exception cref="ArgumentException">An option it does not take.</exception>
    public abstract IReadOnlyDictionary<string, string> Resolve(ModelOptions options);

    /// <summary>Its defaults, by option name (e.g. <c>epochs</c> -> <c>14</c>).</summary>
    public IReadOnlyDictionary<string, string> DefaultOptions => Resolve(ModelOptions.None);

    /// <summary>
    /// The kinds whose trained models this kind combines unless told otherwise (<see cref="TrainingContext.Members"/>);
    /// none for a kind that trains on beats alone.
    /// </summary>
    public virtual IReadOnlyList<ModelKind> DefaultMembers(ModelRegistry registry) => [];

    /// <summary>
    /// The kinds whose models this kind combines when trained with <paramref name="options"/> (a class-wise ensemble's
    /// <c>--classes</c> names its members); <see cref="DefaultMembers"/> unless an option names others.
    /// </summary>
    /// <exception cref="InvalidInputException">An option names members in a form that cannot be read.</exception>
    public virtual IReadOnlyList<ModelKind> Members(ModelRegistry registry, ModelOptions options) => DefaultMembers(registry);

    /// <summary>
    /// What DS1's record-fold cross-validation chose for this kind on new patients, beyond what every kind gets there
    /// (<see cref="Runs.RunProfile.InterPatient"/>): applied by <c>run</c>'s inter-patient split and by
    /// <see cref="Protocols.InterPatientCrossValidation"/>, under any option a user gives (docs/inter-patient.md).
    /// </summary>
    public virtual ModelOptions NewPatient => ModelOptions.None;

    /// <summary>
    /// Trains a model of this kind on <paramref name="data"/>'s training beats, holding out its validation beats (early
    /// stopping, ensemble weights, the card's validation scores). Nothing is written unless the context names a
    /// checkpoint folder.
    /// </summary>
    /// <param name="data">Training beats (they must say how they were cut) and the validation beats held out.</param>
    /// <param name="options">What differs from the kind's defaults.</param>
    /// <param name="context">Progress, cancellation, checkpoints, an ensemble's members.</param>
    /// <exception cref="ArgumentException">An option the kind does not take.</exception>
    /// <exception cref="InvalidInputException">The beats do not say how they were cut, a member did not hold out these beats, or an option's value is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public abstract IBeatClassifier Train(ValidationSplit data, ModelOptions options, TrainingContext? context = null);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A kind whose options are a typed record (<c>TrainerOptions</c>, <c>ClassicalOptions</c>, ...) bound to declared options.</summary>
/// <typeparam name="TOptions">Its options record.</typeparam>
public abstract class ModelKind<TOptions> : ModelKind where TOptions : class
{
    private readonly IReadOnlyList<OptionBinding<TOptions>> _bindings;

    /// <summary>Declares a kind with its defaults and the options it takes.</summary>
    protected ModelKind(string name, string summary, int version, TOptions defaults, IReadOnlyList<OptionBinding<TOptions>> bindings)
        : base(name, summary, version)
    {
        Defaults = defaults;
        _bindings = bindings;
        Options = bindings.Select(b => b.Option).ToList();
        var twice = Options.GroupBy(o => o.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"kind {name} binds option {twice.Key} twice", nameof(bindings));
    }

    /// <summary>How it trains unless told otherwise.</summary>
    public TOptions Defaults { get; }

    /// <inheritdoc />
    public override IReadOnlyList<ModelOption> Options { get; }

    /// <summary>Its options record: <paramref name="start"/> (default <see cref="Defaults"/>) with <paramref name="options"/> applied.</summary>
    /// <exception cref="ArgumentException">An option it does not take.</exception>
    public TOptions Bind(ModelOptions options, TOptions? start = null)
    {
        var bound = start ?? Defaults;
        foreach (var (option, value) in options.Values)
        {
            var binding = _bindings.FirstOrDefault(b => b.Option == option)
                ?? throw new ArgumentException($"{Name} does not take option {option.Name} (it takes {string.Join(", ", Options)})", nameof(options));
            bound = binding.Set(bound, value);
        }
        return bound;
    }

    /// <summary>Every option it takes, with its value in <paramref name="options"/>, as text: what its card and a run's stamp record.</summary>
    public IReadOnlyDictionary<string, string> Describe(TOptions options) =>
        _bindings.ToDictionary(b => b.Option.Name, b => ModelOption.Format(b.Get(options)), StringComparer.Ordinal);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Resolve(ModelOptions options) => Describe(Bind(options));

    /// <inheritdoc />
    public override IBeatClassifier Train(ValidationSplit data, ModelOptions options, TrainingContext? context = null) =>
        Train(data, Bind(options), context);

    /// <summary>Trains with a whole options record (e.g. <c>Networks.Cnn.Train(split, Networks.Cnn.Defaults with { Epochs = 3 })</c>).</summary>
    /// <inheritdoc cref="ModelKind.Train(ValidationSplit, ModelOptions, TrainingContext?)"/>
    public abstract IBeatClassifier Train(ValidationSplit data, TOptions options, TrainingContext? context = null);
}
