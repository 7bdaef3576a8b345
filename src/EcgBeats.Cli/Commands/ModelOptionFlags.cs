using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using EcgBeats.Models;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// The command-line flags of the training options, made from their declarations (<see cref="ModelOption"/>): one typed
/// flag per option the registry's kinds take, <c>--NAME</c>, its help with each kind's default, and a hidden flag per
/// older spelling. Nothing here retypes a name, a type or a default.
/// </summary>
internal sealed class ModelOptionFlags
{
    private readonly List<Flag> _flags = [];

    private sealed record Flag(ModelOption Declared, Option Option, Func<ParseResult, object?> Read);

    public ModelOptionFlags(ModelRegistry registry)
    {
        var declared = registry.Kinds.SelectMany(k => k.Options).Distinct().ToList();
        foreach (var option in declared)
        {
            string defaults = KindHelp.Defaults(registry, option);
            _flags.Add(option.Accept(new FlagMaker($"--{option.Name}", $"{option.Help}{(defaults.Length > 0 ? $" ({defaults})" : "")}", hidden: false)));
            foreach (string alias in option.Aliases)
                _flags.Add(option.Accept(new FlagMaker($"--{alias}", $"Old spelling of --{option.Name} (kept for one release).", hidden: true)));
        }
    }

    /// <summary>Every flag, the hidden aliases too, to add to a command.</summary>
    public IEnumerable<Option> Options => _flags.Select(f => f.Option);

    /// <summary>The declared options of <paramref name="parse"/>'s flags that were given.</summary>
    public ModelOptions Given(ParseResult parse)
    {
        var given = ModelOptions.None;
        foreach (var flag in _flags)
            if (parse.GetResult(flag.Option) is OptionResult { Implicit: false })
                given = given.With(flag.Declared, flag.Read(parse));
        return given;
    }

    /// <summary>Refuses an option that <paramref name="kind"/> does not take, naming the ones it does.</summary>
    /// <exception cref="InvalidInputException">A given option the kind does not take.</exception>
    public static void Check(ModelOptions given, ModelKind kind) => Check(given, kind, [kind]);

    /// <summary>Refuses an option that none of <paramref name="takers"/> (e.g. an ensemble and the members it trains) takes.</summary>
    /// <exception cref="InvalidInputException">A given option none of them takes.</exception>
    public static void Check(ModelOptions given, ModelKind kind, IReadOnlyList<ModelKind> takers)
    {
        var taken = takers.SelectMany(k => k.Options).Distinct().ToList();
        foreach (var (option, _) in given.Values)
            if (!taken.Contains(option))
                throw new InvalidInputException($"--{option.Name}: {kind.Name} does not take it (it takes {string.Join(", ", taken.Select(o => "--" + o.Name))})");
    }

    /// <summary>Makes the typed flag of a declaration.</summary>
    private sealed class FlagMaker(string name, string description, bool hidden) : IModelOptionVisitor<Flag>
    {
        public Flag Visit<T>(ModelOption<T> declared)
        {
            // Nullable values also take "none" (e.g. --class-weight-cap none): such a flag reads text, parsed here, culture-invariant.
            if (Nullable.GetUnderlyingType(typeof(T)) is { } underlying)
            {
                var text = new Option<string>(name) { Description = description, Hidden = hidden, HelpName = HelpName(typeof(T)) };
                text.Validators.Add(result =>
                {
                    string value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                    if (value != "none" && !TryParse(value, underlying, out _))
                        result.AddError($"{name}: '{value}' is not {(underlying == typeof(int) ? "a whole number" : "a number")} or none");
                });
                return new Flag(declared, text, parse => parse.GetValue(text) is { } v && v != "none" && TryParse(v, underlying, out var parsed) ? parsed : null);
            }
            var option = new Option<T>(name) { Description = description, Hidden = hidden, HelpName = HelpName(typeof(T)) };
            return new Flag(declared, option, parse => parse.GetValue(option));
        }

        private static bool TryParse(string text, Type type, out object? value)
        {
            try { value = Convert.ChangeType(text, type, CultureInfo.InvariantCulture); return true; }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException) { value = null; return false; }
        }

        private static string? HelpName(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(int) => Nullable.GetUnderlyingType(type) is null ? "N" : "N|none",
            var t when t == typeof(double) || t == typeof(float) => Nullable.GetUnderlyingType(type) is null ? "X" : "X|none",
            _ => null,
        };
    }
}
