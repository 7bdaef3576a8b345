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
}
