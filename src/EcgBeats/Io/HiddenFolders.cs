using System.Text.RegularExpressions;

namespace EcgBeats.Io;

/// <summary>
/// The hidden folders files are made in before they go into place: a <see cref="FileSet"/>'s
/// <c>.ecgbeats-staging.PID.GUID</c> inside the target folder, and a dataset's <c>.NAME.building.PID.GUID</c> beside the
/// folder NAME. A user should read of the place the files were going to, not of these (#25).
/// </summary>
public static partial class HiddenFolders
{
    /// <summary>Every path in <paramref name="message"/> that runs through a hidden staging or build folder, given as the path its file was going to.</summary>
    public static string Targets(string message) =>
        BuildingFolder().Replace(StagingFolder().Replace(message, ""), "${sep}${name}");

    // ".ecgbeats-staging.1234.<32 hex>" and the separator before it: its files go into the folder that holds it.
    [GeneratedRegex(@"[/\\]\.ecgbeats-staging\.\d+\.[0-9a-f]{32}(?=[/\\]|\b)")]
    private static partial Regex StagingFolder();

    // ".NAME.building.1234.<32 hex>": a dataset being built for the folder NAME beside it.
    [GeneratedRegex(@"(?<sep>[/\\])\.(?<name>[^/\\]+?)\.building\.\d+\.[0-9a-f]{32}")]
    private static partial Regex BuildingFolder();
}
