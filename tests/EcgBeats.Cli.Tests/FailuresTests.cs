namespace EcgBeats.Cli.Tests;

/// <summary>#25: which exit code and message an exception gives the user.</summary>
public sealed class FailuresTests
{
    [Fact]
    public void HttpClientsOwnTimeoutIsAFailedDownloadNotAnInterrupt()
    {
        // What HttpClient throws when its Timeout passes (.NET 5 and later): a TaskCanceledException wrapping a TimeoutException.
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 120 seconds elapsing.",
            new TimeoutException("The operation was canceled."));
        var known = Failures.Classify(timeout)!;
        Assert.Equal(ExitCode.DownloadFailed, known.Code);
        Assert.Contains("timed out", known.Message);

        Assert.Equal(ExitCode.Interrupted, Failures.Classify(new OperationCanceledException())!.Code); // Ctrl+C stays an interrupt
    }

    [Fact]
    public void AFailureInsideParallelWorkIsTheFailureItWraps()
    {
        var wrapped = new AggregateException(new InvalidInputException("232.atr: no such annotation file"));
        var known = Failures.Classify(wrapped)!;
        Assert.Equal(ExitCode.BadInput, known.Code);
        Assert.Equal("232.atr: no such annotation file", known.Message);
        Assert.Null(Failures.Classify(new AggregateException(new NullReferenceException()))); // a bug stays a bug
    }

    [Fact]
    public void AFailureInsideAHiddenStagingOrBuildFolderNamesTheFolderItsFilesWereGoingTo()
    {
        // #25: a write failing in a staging folder named ".ecgbeats-staging.1234.<guid>/100.ecgbeats", not the target.
        using var temp = EcgBeats.TestSupport.TestData.TempFolder();
        using var set = new EcgBeats.Io.FileSet(temp.Path);
        var staged = new IOException($"{set.Stage("100.ecgbeats")}: No space left on device");
        Assert.Equal($"{Path.Combine(temp.Path, "100.ecgbeats")}: No space left on device", Failures.Classify(staged)!.Message);
        Assert.Equal(ExitCode.IoError, Failures.Classify(staged)!.Code);

        string building = Path.Combine(temp.Path, $".ds.building.{Environment.ProcessId}.{Guid.NewGuid():N}", "mitbih_train.csv");
        Assert.Equal($"{Path.Combine(temp.Path, "ds", "mitbih_train.csv")}: disk full",
            Failures.Classify(new IOException($"{building}: disk full"))!.Message);
        // A path that merely looks alike is left alone.
        Assert.Equal("/data/.ecgbeats-staging-notes.txt: bad", Failures.Classify(new InvalidInputException("/data/.ecgbeats-staging-notes.txt: bad"))!.Message);
    }
}
