using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary><c>ecgbeats fetch</c> for real, against an HTTP server on 127.0.0.1.</summary>
public sealed class FetchCommandTests
{
    [Fact]
    public void FetchesTheWholeDatabaseFromAServerOfSharedMitdbAndEveryFileIsIdentical()
    {
        string mitdb = TestData.RequireMitDb();
        using var target = TestData.TempFolder();
        // A plain mirror of ../shared/mitdb: its checksum list is SHA256SUMS, not SHA256SUMS.txt.
        using var server = new StaticFileServer(mitdb);

        var result = CliRunner.Run("fetch", "--to", target.Path, "--base-url", server.BaseUrl.ToString());

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("145 files downloaded", result.Output);
        foreach (string record in TestData.MitBihRecords)
            foreach (string ext in new[] { ".hea", ".dat", ".atr" })
                Assert.True(File.ReadAllBytes(Path.Combine(mitdb, record + ext)).AsSpan()
                    .SequenceEqual(File.ReadAllBytes(target.File(record + ext))), $"{record}{ext} differs from the original");
        Assert.Empty(Directory.GetFiles(target.Path, "*.part"));
    }

    [Fact]
    public void ADroppedConnectionMidFileIsResumedWithARangeRequest()
    {
        using var mirror = TestData.TempFolder();
        using var target = TestData.TempFolder();
        FixtureMirror.Build(mirror.Path);
        using var server = new StaticFileServer(mirror.Path) { DropFile = "208.dat", DropAfterBytes = 150_000, Drops = 1 };

        var result = CliRunner.Run("fetch", "--to", target.Path, "--base-url", server.BaseUrl.ToString(), "--records", "208");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("interrupted after", result.Output);
        Assert.Contains(server.Requests, r => r.StartsWith("208.dat from=", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(TestData.FixtureRecord("208") + ".dat"), File.ReadAllBytes(target.File("208.dat")));
    }

    [Fact]
    public void ACorruptedFileIsReportedAsABadChecksumAndNeverGetsItsFinalName()
    {
        using var mirror = TestData.TempFolder();
        using var target = TestData.TempFolder();
        FixtureMirror.Build(mirror.Path);
        using var server = new StaticFileServer(mirror.Path) { CorruptFile = "232.atr" };

        var result = CliRunner.Run("fetch", "--to", target.Path, "--base-url", server.BaseUrl.ToString());

        Assert.Equal((int)ExitCode.DownloadFailed, result.ExitCode);
        Assert.Contains("232.atr: bad checksum", result.Error);
        Assert.False(File.Exists(target.File("232.atr")));
        Assert.False(File.Exists(target.File("232.atr.part")));
        Assert.True(File.Exists(target.File("232.dat")));
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void ARedirectToAFileUrlIsRefusedNamingBothUrls()
    {
        // #25: a server redirecting to file:///etc/passwd gave "Invalid URI" and no URL.
        using var mirror = TestData.TempFolder();
        using var target = TestData.TempFolder();
        FixtureMirror.Build(mirror.Path);
        using var server = new StaticFileServer(mirror.Path) { RedirectFile = "208.hea", RedirectTo = "file:///etc/passwd" };

        var result = CliRunner.Run("fetch", "--to", target.Path, "--base-url", server.BaseUrl.ToString(), "--records", "208");

        Assert.True(result.ExitCode == (int)ExitCode.DownloadFailed, result.Error + result.Output);
        Assert.Contains($"{server.BaseUrl}208.hea", result.Error);
        Assert.Contains("file:///etc/passwd", result.Error);
        Assert.DoesNotContain("Invalid URI", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(target.File("208.hea")));
        Assert.True(File.Exists(target.File("208.dat")));   // the other files still come
    }

    [Fact]
    public void AnHttpRedirectIsFollowedEvenRelativeAndTheFileVerified()
    {
        // Redirects are the fetcher's own since #25 (so that one to file:// is refused by name): an http one still works.
        using var mirror = TestData.TempFolder();
        using var target = TestData.TempFolder();
        FixtureMirror.Build(mirror.Path);
        Directory.CreateDirectory(mirror.File("moved"));
        File.Copy(mirror.File("208.atr"), mirror.File("moved/208.atr"));
        using var server = new StaticFileServer(mirror.Path) { RedirectFile = "208.atr", RedirectTo = "/moved/208.atr" };

        var result = CliRunner.Run("fetch", "--to", target.Path, "--base-url", server.BaseUrl.ToString(), "--records", "208");

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("moved/208.atr", server.Requests);
        Assert.Equal(File.ReadAllBytes(TestData.FixtureRecord("208") + ".atr"), File.ReadAllBytes(target.File("208.atr")));
    }

    [Fact]
    public void AnUnreachableServerIsAClearDownloadError()
    {
        using var target = TestData.TempFolder();
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { probe.Start(); port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port; probe.Stop(); }

        var result = CliRunner.Run("fetch", "--to", target.Path, "--base-url", $"http://127.0.0.1:{port}/", "--attempts", "1");

        Assert.Equal((int)ExitCode.DownloadFailed, result.ExitCode);
        Assert.Contains("download failed", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
