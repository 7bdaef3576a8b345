using EcgBeats.PhysioNet;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Data;

/// <summary>The downloader against a real HTTP server on 127.0.0.1 serving the fixture records.</summary>
public sealed class PhysioNetFetcherTests
{
    private static FetchOptions Options(Uri url, string to, int attempts = 3) =>
        new(url, to, MaxAttempts: attempts, RetryDelay: TimeSpan.FromMilliseconds(50));

    /// <summary>A PhysioNet-like mirror of the fixtures served on 127.0.0.1, an empty target folder and a client.</summary>
    private sealed class Setup : IDisposable
    {
        private readonly TempFolder _mirror = TestData.TempFolder();

        /// <summary>The folder the server serves; tests may change its files.</summary>
        public string Mirror => _mirror.Path;

        public Setup()
        {
            FixtureMirror.Build(_mirror.Path);
            Server = new StaticFileServer(_mirror.Path);
            Fetcher = new PhysioNetFetcher(Http);
        }

        public TempFolder Target { get; } = TestData.TempFolder();
        public StaticFileServer Server { get; }
        public HttpClient Http { get; } = new();
        public PhysioNetFetcher Fetcher { get; }

        public FetchOptions Options(int attempts = 3) => PhysioNetFetcherTests.Options(Server.BaseUrl, Target.Path, attempts);

        public void Dispose()
        {
            Http.Dispose();
            Server.Dispose();
            Target.Dispose();
            _mirror.Dispose();
        }
    }

    [Fact]
    public async Task CancellingMidFileLeavesOnlyAPartialFileAndTheNextRunResumesIt()
    {
        using var setup = new Setup();
        var (fetcher, server, target) = (setup.Fetcher, setup.Server, setup.Target);

        using var cancel = new CancellationTokenSource();
        var stopMidFile = new SynchronousProgress<FetchProgress>(p =>
        {
            if (p.File == "100.dat" && p.Bytes > 100_000) cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fetcher.FetchAsync(Options(server.BaseUrl, target.Path) with { Records = ["100"] }, stopMidFile, cancel.Token));

        Assert.False(File.Exists(target.File("100.dat")), "a half-downloaded file must never carry its final name");
        long partial = new FileInfo(target.File("100.dat.part")).Length;
        Assert.InRange(partial, 100_001, 323_999);

        var result = await fetcher.FetchAsync(Options(server.BaseUrl, target.Path) with { Records = ["100"] }, cancel: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded);
        Assert.Contains($"100.dat from={partial}", server.Requests);
        Assert.Equal(File.ReadAllBytes(TestData.FixtureRecord("100") + ".dat"), File.ReadAllBytes(target.File("100.dat")));
        Assert.False(File.Exists(target.File("100.dat.part")));
    }

    [Fact]
    public async Task APlantedLinkAtAPartialFileIsRefusedAndItsTargetUntouched()
    {
        // #25: `ln -s /victim dl/100.dat.part` had the download appended to /victim.
        using var setup = new Setup();
        using var elsewhere = TestData.TempFolder();
        string victim = elsewhere.File("victim");
        File.WriteAllText(victim, "keep me");
        File.CreateSymbolicLink(setup.Target.File("100.dat.part"), victim);

        var result = await setup.Fetcher.FetchAsync(setup.Options() with { Records = ["100"] }, cancel: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("symbolic link", result.Failures["100.dat"]);
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.False(File.Exists(setup.Target.File("100.dat")));
        Assert.DoesNotContain(setup.Server.Requests, r => r.StartsWith("100.dat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FilesAlreadyPresentAndVerifiedAreNotDownloadedAgain()
    {
        using var setup = new Setup();
        var (fetcher, server, target) = (setup.Fetcher, setup.Server, setup.Target);

        var first = await fetcher.FetchAsync(Options(server.BaseUrl, target.Path), cancel: TestContext.Current.CancellationToken);
        Assert.Equal((13, 0), (first.Downloaded, first.AlreadyPresent));
        server.Requests.Clear();
        var second = await fetcher.FetchAsync(Options(server.BaseUrl, target.Path), cancel: TestContext.Current.CancellationToken);
        Assert.Equal((0, 13), (second.Downloaded, second.AlreadyPresent));
        Assert.DoesNotContain(server.Requests, r => r.EndsWith(".dat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServerThatKeepsFailingIsReportedPerFile()
    {
        using var setup = new Setup();
        setup.Server.DropFile = "217.dat";
        setup.Server.DropAfterBytes = 1000;
        setup.Server.Drops = 100;
        var target = setup.Target;

        var result = await setup.Fetcher.FetchAsync(setup.Options(attempts: 2) with { Records = ["217"] }, cancel: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("gave up after 2 attempts", result.Failures["217.dat"]);
        Assert.False(File.Exists(target.File("217.dat")));
        Assert.True(File.Exists(target.File("217.hea")));
    }

    [Fact]
    public async Task ARecordNotInTheListIsABadInput()
    {
        using var setup = new Setup();
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            setup.Fetcher.FetchAsync(setup.Options() with { Records = ["999"] }, cancel: TestContext.Current.CancellationToken));
        Assert.Contains("999", error.Message);
    }

    [Fact]
    public void ChecksumListLinesMustBeWellFormed()
    {
        var sums = Sha256Sums.Parse(new string('a', 64) + "  100.dat\n" + new string('B', 64) + " *100.hea\n", "SUMS");
        Assert.Equal(new string('a', 64), sums["100.dat"]);
        Assert.Equal(new string('b', 64), sums["100.hea"]);
        var error = Assert.Throws<FormatException>(() => Sha256Sums.Parse("abc  100.dat\n", "SUMS"));
        Assert.Contains("SUMS, line 1", error.Message);
    }

    /// <summary>
    /// Issue #14: names from the server become paths. A RECORDS line "../evil" (with matching checksums, served) or an
    /// absolute path must be refused before anything is written, not written beside or outside the target folder.
    /// </summary>
    [Theory]
    [InlineData("../evil")]
    [InlineData("/tmp/ecgbeats-evil")]
    [InlineData("sub/../../evil")]
    [InlineData("evil\u0007")]
    public async Task ARecordNameFromTheServerThatIsNotPlainIsRefusedAndNothingIsWritten(string hostile)
    {
        using var setup = new Setup();
        string served = Path.GetFileName(hostile.Replace("\u0007", ""));
        var sums = new List<string>();
        foreach (string ext in new[] { ".hea", ".dat", ".atr" })
        {
            File.Copy(Path.Combine(setup.Mirror, "100" + ext), Path.Combine(setup.Mirror, served + ext));
            sums.Add($"{Sha256Sums.OfFile(Path.Combine(setup.Mirror, served + ext))}  {hostile}{ext}");
        }
        File.AppendAllText(Path.Combine(setup.Mirror, "RECORDS"), hostile + "\n");
        File.AppendAllText(Path.Combine(setup.Mirror, "SHA256SUMS.txt"), string.Join("\n", sums) + "\n");
        string destination = Path.Combine(setup.Target.Path, "db");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            setup.Fetcher.FetchAsync(Options(setup.Server.BaseUrl, destination), cancel: TestContext.Current.CancellationToken));

        Assert.Contains("RECORDS", error.Message);
        Assert.Contains("not a plain record name", error.Message);
        Assert.False(Directory.Exists(destination), "nothing may be written when the list is hostile");
        Assert.Empty(Directory.EnumerateFileSystemEntries(setup.Target.Path, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/tmp/ecgbeats-evil.hea"));
    }

    [Theory]
    [InlineData("../100.hea")]
    [InlineData("/etc/100.hea")]
    public async Task AChecksumListNamingAFileOutsideTheDatabaseIsRefused(string hostile)
    {
        using var setup = new Setup();
        File.AppendAllText(Path.Combine(setup.Mirror, "SHA256SUMS.txt"), $"{new string('a', 64)}  {hostile}\n");
        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            setup.Fetcher.FetchAsync(setup.Options(), cancel: TestContext.Current.CancellationToken));
        Assert.Contains("SHA256SUMS.txt", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(setup.Target.Path));
    }

    [Fact]
    public async Task PhysioNetsOwnSubfolderEntriesInTheChecksumListAreAcceptedAndNotDownloaded()
    {
        using var setup = new Setup();
        File.AppendAllText(Path.Combine(setup.Mirror, "SHA256SUMS.txt"), $"{new string('a', 64)}  x_mitdb/x_108.hea\n");
        var result = await setup.Fetcher.FetchAsync(setup.Options() with { Records = ["100"] }, cancel: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded);
        Assert.False(Directory.Exists(Path.Combine(setup.Target.Path, "x_mitdb")));
    }

    /// <summary>Issue #14: an endless body must stop at the cap, leave no file behind and report the file as failed.</summary>
    [Fact]
    public async Task AnEndlessBodyStopsAtTheCapAndLeavesNothing()
    {
        using var setup = new Setup();
        setup.Server.EndlessFile = "100.dat";
        var result = await setup.Fetcher.FetchAsync(setup.Options() with { Records = ["100"], MaxFileBytes = 2_000_000 }, cancel: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("longer than the 2,000,000 bytes", result.Failures["100.dat"]);
        Assert.False(File.Exists(setup.Target.File("100.dat")));
        Assert.False(File.Exists(setup.Target.File("100.dat.part")));
        Assert.True(File.Exists(setup.Target.File("100.hea")), "the other files of the record are unaffected");
    }

    /// <summary>Issue #14: a body that stops sending is dropped after the stall timeout and resumed from where it stopped.</summary>
    [Fact]
    public async Task ATricklingBodyIsDroppedAndResumed()
    {
        // #25: a byte every 20 s never tripped the 60 s stall timeout, so the download never ended. Here a byte every
        // 0.3 s against a 1 s timeout: fewer than FetchOptions.StallBytes per timeout, dropped, resumed, whole.
        using var setup = new Setup();
        setup.Server.TrickleFile = "100.dat";
        setup.Server.StallAfterBytes = 50_000;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await setup.Fetcher.FetchAsync(setup.Options() with { Records = ["100"], StallTimeout = TimeSpan.FromSeconds(1) }, cancel: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => $"{f.Key}: {f.Value}")));
        Assert.Contains(setup.Server.Requests, r => r.StartsWith("100.dat from=500", StringComparison.Ordinal)); // resumed after the trickle
        Assert.Equal(File.ReadAllBytes(TestData.FixtureRecord("100") + ".dat"), File.ReadAllBytes(setup.Target.File("100.dat")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ARecordsListOfRepeatedLinesChecksEachFileOnce()
    {
        using var setup = new Setup();
        await new PhysioNetFetcher(setup.Http).FetchAsync(setup.Options() with { Records = ["100"] }, cancel: TestContext.Current.CancellationToken);
        File.WriteAllText(Path.Combine(setup.Mirror, "RECORDS"), string.Concat(Enumerable.Repeat("100\n", 5000)));
        FixtureMirror.Sums(setup.Mirror);
        var seen = new List<string>();
        var result = await setup.Fetcher.FetchAsync(setup.Options(), new SynchronousProgress<FetchProgress>(p => seen.Add(p.File)), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded);
        Assert.Equal(3, seen.Count(f => f.StartsWith("100.", StringComparison.Ordinal))); // .hea, .dat, .atr once each
    }

    [Fact]
    public async Task AStalledBodyIsDroppedAndResumed()
    {
        using var setup = new Setup();
        setup.Server.StallFile = "100.dat";
        setup.Server.StallAfterBytes = 50_000;
        setup.Server.Stalls = 1;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await setup.Fetcher.FetchAsync(setup.Options() with { Records = ["100"], StallTimeout = TimeSpan.FromSeconds(1) }, cancel: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => $"{f.Key}: {f.Value}")));
        Assert.Contains("100.dat from=50000", setup.Server.Requests);
        Assert.Equal(File.ReadAllBytes(TestData.FixtureRecord("100") + ".dat"), File.ReadAllBytes(setup.Target.File("100.dat")));
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"took {watch.Elapsed}");
    }
}
