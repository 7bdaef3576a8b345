using System.Diagnostics;
using EcgBeats.Runs;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Runs;

/// <summary>Two processes sharing a run folder (run --lanes 2): one claim per step, and a dead owner's claim is stale.</summary>
public sealed class StepClaimsTests
{
    [Fact]
    public void OneProcessHoldsAStepUntilItLetsGo()
    {
        using var run = TestData.TempFolder();
        var claims = new StepClaims(run.Path);
        string step = run.File("intra/models/cnn");
        using (var claim = claims.TryClaim(step))
        {
            Assert.NotNull(claim);
            Assert.Null(claims.TryClaim(step));   // the exclusive create fails while it is held
            Assert.NotNull(claims.TryClaim(run.File("intra/models/gbt")));   // another step is free
            Assert.Equal(ClaimState.Running, claims.StateOf(step));
            claims.RemoveStale();
            claims.RemoveIfStale(step);
            Assert.Equal(ClaimState.Running, claims.StateOf(step));   // a running owner's claim stays
        }
        Assert.Equal(ClaimState.None, claims.StateOf(step));
        using var again = claims.TryClaim(step);
        Assert.NotNull(again);
    }

    [Fact]
    public void AClaimWhoseProcessHasExitedIsStaleAndRemoved()
    {
        using var run = TestData.TempFolder();
        var claims = new StepClaims(run.Path);
        string step = run.File("inter/models/lstm");
        // What a killed process leaves: its id and start time, and it is gone.
        // It must still run while its start time is read: a process that has exited and been reaped has no /proc entry,
        // and reading its start time throws (CI saw that with "true", which may exit before the read).
        using var exited = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        long started = exited.StartTime.ToUniversalTime().Ticks;
        exited.Kill();
        exited.WaitForExit();
        Directory.CreateDirectory(claims.Folder);
        File.WriteAllText(Path.Combine(claims.Folder, "inter+models+lstm"), $"{exited.Id} {started}");
        Assert.Equal(ClaimState.Stale, claims.StateOf(step));
        Assert.Null(claims.TryClaim(step));   // still there: only a take-over removes it
        claims.RemoveStale();
        Assert.Equal(ClaimState.None, claims.StateOf(step));

        // A live process id with another start time is a reused id: stale too.
        File.WriteAllText(Path.Combine(claims.Folder, "inter+models+lstm"), $"{Environment.ProcessId} {started - TimeSpan.TicksPerHour}");
        Assert.Equal(ClaimState.Stale, claims.StateOf(step));
        claims.RemoveIfStale(step);
        Assert.Equal(ClaimState.None, claims.StateOf(step));

        // An empty claim is one being written: running while young, stale when old.
        string path = Path.Combine(claims.Folder, "inter+models+lstm");
        File.WriteAllText(path, "");
        Assert.Equal(ClaimState.Running, claims.StateOf(step));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(ClaimState.Stale, claims.StateOf(step));
    }
}
