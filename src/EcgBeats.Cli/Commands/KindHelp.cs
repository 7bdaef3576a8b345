using EcgBeats.Models;

namespace EcgBeats.Cli.Commands;

/// <summary>Help texts written from the model registry, so that they never retype a name or a default.</summary>
internal static class KindHelp
{
    /// <summary>"ann (dense network ...), cnn (...), ..." for the kinds of a family, or of all families.</summary>
    public static string Kinds(ModelRegistry registry, string? family = null) =>
        string.Join(", ", registry.Kinds.Where(k => family is null || k.Family == family).Select(k => $"{k.Name} ({k.Summary})"));

    /// <summary>The kinds that take <paramref name="option"/> and their defaults: "ann 40, cnn 14", or "rf, dt: default 64" when they agree.</summary>
    public static string Defaults(ModelRegistry registry, ModelOption option)
    {
        var having = registry.Kinds.Where(k => k.Options.Contains(option)).ToList();
        if (having.Count == 0) return "";
        var values = having.Select(k => k.DefaultOptions[option.Name]).Distinct().ToList();
        string who = having.Count == registry.Kinds.Count ? "every model" : string.Join(", ", having);
        return values.Count == 1
            ? $"{who}; default {values[0]}"
            : "default per model: " + string.Join(", ", having.Select(k => $"{k.Name} {k.DefaultOptions[option.Name]}"));
    }

    /// <summary>
    /// The training options as a Markdown table (docs/models.md holds it between <c>&lt;!-- options --&gt;</c> markers; a
    /// test keeps the two equal): flag, type, what it does, whether it changes results, each kind's default.
    /// </summary>
    public static string OptionTable(ModelRegistry registry)
    {
        var lines = new List<string>
        {
            "| flag | type | what it does | changes results | defaults |",
            "|---|---|---|---|---|",
        };
        foreach (var option in registry.Kinds.SelectMany(k => k.Options).Distinct())
        {
            string type = (Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType).Name.ToLowerInvariant() switch
            {
                "int32" => "integer",
                "double" or "single" => "number",
                "boolean" => "switch",
                var t => t == "votingmode" ? "hard or soft" : t,
            } + (Nullable.GetUnderlyingType(option.ValueType) is null ? "" : " or none");
            string aliases = option.Aliases.Count > 0 ? $" (old: {string.Join(", ", option.Aliases.Select(a => $"`--{a}`"))})" : "";
            // Machine-dependent defaults (threads: the core count) are named, not printed.
            string defaults = option == CommonOptions.Threads ? "deep: every core; classical: ML.NET's choice" : Defaults(registry, option).Replace("|", "\\|");
            lines.Add($"| `--{option.Name}`{aliases} | {type} | {option.Help.Replace("|", "\\|")} | {(option.ChangesResults ? "yes" : "no")} | {defaults} |");
        }
        return string.Join("\n", lines) + "\n";
    }
}
