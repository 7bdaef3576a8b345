namespace EcgBeats.Io;

/// <summary>
/// Places where a test may kill the process, to check that what is on disk stays one unit whatever the moment (#25).
/// Off unless the environment variable <c>ECGBEATS_FAULT</c> names a point and a count, e.g. <c>FileSet.Commit:2</c>:
/// the process is killed (no unwinding, no finally blocks, as a kill -9 or a power cut would) when that point is reached
/// the second time. Production runs never set it.
/// </summary>
public static class FaultPoints
{
    /// <summary>The environment variable that arms a fault point.</summary>
    public const string Variable = "ECGBEATS_FAULT";

    private static readonly (string Point, int After)? Armed = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int _reached;

    /// <summary>Counts a pass through <paramref name="point"/>; kills the process when it is the armed one's turn.</summary>
    public static void Reach(string point)
    {
        if (Armed is not { } armed || armed.Point != point) return;
        if (Interlocked.Increment(ref _reached) == armed.After)
            System.Diagnostics.Process.GetCurrentProcess().Kill();
    }

    private static (string, int)? Parse(string? value) =>
        value?.Split(':') is [var point, var count] && int.TryParse(count, out int n) && n > 0 ? (point, n) : null;
}
