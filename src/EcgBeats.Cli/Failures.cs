namespace EcgBeats.Cli;

/// <summary>Maps the exceptions a user can cause to a message and an exit code (no stack trace).</summary>
public static class Failures
{
    /// <summary>A failure the user can act on.</summary>
    public sealed record Known(string Message, ExitCode Code);

    /// <summary>
    /// Returns the user-facing failure for <paramref name="e"/>, or null when it is a bug. Paths inside the hidden folders
    /// where files are made before they go into place (<c>.ecgbeats-staging.PID.GUID/</c>, <c>.NAME.building.PID.GUID</c>)
    /// are given as the place the files were going to (#25: a full disk named the staging folder, not the target).
    /// </summary>
    public static Known? Classify(Exception e) => Classified(e) is { } known ? known with { Message = EcgBeats.Io.HiddenFolders.Targets(known.Message) } : null;

    private static Known? Classified(Exception e) => e switch
    {
        // Work done in parallel (Parallel.For over records) fails as an AggregateException: the user's failure is inside.
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Classified).FirstOrDefault(k => k is not null),
        // HttpClient's own timeout is a TaskCanceledException too, with a TimeoutException inside: a failed download, not Ctrl+C.
        OperationCanceledException { InnerException: TimeoutException timeout } => new Known($"download failed: timed out ({timeout.Message})", ExitCode.DownloadFailed),
        OperationCanceledException => new Known("interrupted; finished work was kept.", ExitCode.Interrupted),
        InvalidInputException input => new Known(input.Message, ExitCode.BadInput),
        FormatException format => new Known(format.Message, ExitCode.BadInput),
        HttpRequestException http => new Known($"download failed: {http.Message}", ExitCode.DownloadFailed),
        FileNotFoundException f => new Known(f.Message, ExitCode.NoInput),
        DirectoryNotFoundException d => new Known(d.Message, ExitCode.NoInput),
        UnauthorizedAccessException u => new Known(u.Message, ExitCode.IoError),
        IOException io => new Known(io.Message, ExitCode.IoError),
        _ => null,
    };
}
