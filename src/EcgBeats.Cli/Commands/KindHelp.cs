using EcgBeats.Models;

namespace EcgBeats.Cli.Commands;

/// <summary>Help texts written from the model registry, so that they never retype a name or a default.</summary>
internal static class KindHelp
{
    /// <summary>"ann (dense network ...), cnn (...), ..." for the kinds of a family, or of all families.</summary>
    public static string Kinds(ModelRegistry registry, string? family = null) =>
        string.Join(", ", registry.Kinds.Where(k => family is null || k.Family == family).Select(k => $"{k.Name} ({k.Summary})"));

    /// <summary>The kinds that take option <paramref name="option"/> and their defaults: "ann 40, cnn 14", or "rf, dt: 64" when they agree.</summary>
    public static string Defaults(ModelRegistry registry, string option)
    {
        var having = registry.Kinds.Where(k => k.DefaultOptions.ContainsKey(option)).ToList();
        if (having.Count == 0) return "";
        var values = having.Select(k => k.DefaultOptions[option]).Distinct().ToList();
        return values.Count == 1
            ? $"{string.Join(", ", having)}; default {values[0]}"
            : "default per model: " + string.Join(", ", having.Select(k => $"{k.Name} {k.DefaultOptions[option]}"));
    }
}
