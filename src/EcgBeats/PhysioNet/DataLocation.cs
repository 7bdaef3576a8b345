namespace EcgBeats.PhysioNet;

/// <summary>Where a data folder came from, in order of precedence.</summary>
public enum DataLocationSource
{
    /// <summary>The <c>--data DIR</c> option.</summary>
    Option,
    /// <summary>The <c>ECGBEATS_DATA</c> environment variable.</summary>
    EnvironmentVariable,
    /// <summary>The per-user default folder.</summary>
    UserDefault,
}

/// <summary>A resolved data folder and the reason it was chosen.</summary>
/// <param name="Directory">Absolute path of the folder holding the MIT-BIH records (<c>100.hea</c>, <c>100.dat</c>, ...).</param>
/// <param name="Source">Which rule chose it.</param>
public sealed record DataLocation(string Directory, DataLocationSource Source)
{
    /// <summary>The environment variable that names the data folder.</summary>
    public const string EnvironmentVariableName = "ECGBEATS_DATA";

    /// <summary>
    /// Resolves the data folder: <paramref name="option"/> (from <c>--data</c>) when given, else
    /// <c>ECGBEATS_DATA</c>, else <see cref="UserDefaultDirectory"/>. Relative paths are taken
    /// against the current directory. The folder need not exist yet (a fetch creates it).
    /// </summary>
    /// <param name="option">The <c>--data</c> value, or null.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable; defaults to the process environment.</param>
    public static DataLocation Resolve(string? option, Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(option))
            return new DataLocation(Path.GetFullPath(option), DataLocationSource.Option);
        string? fromEnvironment = getEnvironmentVariable(EnvironmentVariableName);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new DataLocation(Path.GetFullPath(fromEnvironment), DataLocationSource.EnvironmentVariable);
        return new DataLocation(UserDefaultDirectory(getEnvironmentVariable), DataLocationSource.UserDefault);
    }

    /// <summary>
    /// The per-user default: <c>$XDG_DATA_HOME/ecgbeats/mitdb</c>, else
    /// <c>~/.local/share/ecgbeats/mitdb</c> on Linux and macOS, and
    /// <c>%LOCALAPPDATA%\ecgbeats\mitdb</c> on Windows.
    /// </summary>
    public static string UserDefaultDirectory(Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        string? xdg = getEnvironmentVariable("XDG_DATA_HOME");
        string root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "ecgbeats", "mitdb");
    }
}
