using EcgBeats.Io;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Io;

/// <summary>Issue #14: outputs are whole or absent, temporary files never stay behind, errors name the target.</summary>
public sealed class OutputSafetyTests
{
    [Fact]
    public void AnAtomicWriteOverAFolderNamesTheTargetAndLeavesNoTemporaryFile()
    {
        using var temp = TestData.TempFolder();
        Directory.CreateDirectory(temp.File("metrics.json"));

        var error = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(temp.File("metrics.json"), "{}"));

        Assert.Contains("metrics.json: is a folder", error.Message);
        Assert.Equal([temp.File("metrics.json")], Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void AFailedCommitRemovesTheTemporaryFileAndNamesTheTarget()
    {
        using var temp = TestData.TempFolder();
        string target = temp.File("score.json");
        using var stream = AtomicFile.Create(target, out var commit);
        stream.Write("{}"u8);
        Directory.CreateDirectory(target); // the target turns into a folder before the rename

        var error = Assert.Throws<IOException>(commit);

        Assert.StartsWith(target + ":", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.Equal([target], Directory.EnumerateFileSystemEntries(temp.Path));
    }

    /// <summary>A named pipe made by coreutils' mkfifo (the test is skipped where there is none).</summary>
    private static bool MakeFifo(string path)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start("mkfifo", [path]);
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    [Fact]
    public void FileKindsTellRegularFilesFromLinksDevicesAndPipes()
    {
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("plain"), "x");
        File.CreateSymbolicLink(temp.File("link"), temp.File("plain"));
        Assert.Equal(FileKind.Regular, FileKinds.Of(temp.File("plain")));
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(temp.File("link")));
        Assert.Equal(FileKind.Directory, FileKinds.Of(temp.Path));
        Assert.Equal(FileKind.Missing, FileKinds.Of(temp.File("none")));
        Assert.Equal(FileKind.Missing, FileKinds.Of(temp.File("plain/under")));
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));   // a character device (.NET calls it a normal file)
        if (MakeFifo(temp.File("pipe"))) Assert.Equal(FileKind.Special, FileKinds.Of(temp.File("pipe")));
    }

    [Fact]
    public void AnAtomicWriteNeverReplacesALinkOrAPipe()
    {
        // #25: `samples --out DIR/null` (a device) and `--out` over a link replaced them with a regular file.
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("target"), "keep me");
        File.CreateSymbolicLink(temp.File("link"), temp.File("target"));
        var error = Assert.Throws<InvalidInputException>(() => AtomicFile.WriteAllText(temp.File("link"), "new"));
        Assert.Contains("is a symbolic link", error.Message);
        Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(temp.File("link")));
        Assert.Equal("keep me", File.ReadAllText(temp.File("target")));
        if (OperatingSystem.IsLinux() && MakeFifo(temp.File("pipe")))
        {
            Assert.Contains("is a device, pipe or socket", Assert.Throws<InvalidInputException>(() => AtomicFile.WriteAllText(temp.File("pipe"), "new")).Message);
            Assert.Equal(FileKind.Special, FileKinds.Of(temp.File("pipe")));
        }
        Assert.DoesNotContain(Directory.GetFileSystemEntries(temp.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal)); // nothing left behind
    }

    [Fact]
    public void AnAtomicWriteIntoAPathWhoseFolderIsAFileSaysSo()
    {
        using var temp = TestData.TempFolder();
        File.WriteAllText(temp.File("out"), "x");
        var error = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(Path.Combine(temp.File("out"), "a.csv"), "x"));
        Assert.Contains("is a file, not a folder", error.Message);
    }

    [Fact]
    public void AFileSetAppearsOnlyWhenCommittedAndVanishesWhenNot()
    {
        using var temp = TestData.TempFolder();
        using (var files = new FileSet(temp.Path))
        {
            File.WriteAllText(files.Stage("a.hea"), "h");
            File.WriteAllText(files.Stage("a.dat"), "d");
            Assert.False(File.Exists(temp.File("a.hea")));
        } // disposed without commit: as if the process had failed between the two writes
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));

        using (var files = new FileSet(temp.Path))
        {
            File.WriteAllText(files.Stage("a.hea"), "h");
            File.WriteAllText(files.Stage("a.dat"), "d");
            files.Commit();
        }
        Assert.Equal(["a.dat", "a.hea"], Directory.EnumerateFiles(temp.Path).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order());
        Assert.DoesNotContain(Directory.EnumerateDirectories(temp.Path), d => Path.GetFileName(d).StartsWith(".ecgbeats-staging"));
    }

    /// <summary>Two writers of the same names: the second waits for the first's commit to finish, never interleaves.</summary>
    [Fact]
    public async Task AFileSetCommitWaitsForTheFoldersLock()
    {
        using var temp = TestData.TempFolder();
        using var files = new FileSet(temp.Path);
        File.WriteAllText(files.Stage("r.ecgbeats"), "annotations");
        File.WriteAllText(files.Stage("r.ecgbeats.csv"), "csv");

        Task commit;
        using (new FileStream(temp.File(FileSet.LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            commit = Task.Run(() => files.Commit(), TestContext.Current.CancellationToken);
            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.False(commit.IsCompleted, "the commit must wait while another process holds the folder");
            Assert.False(File.Exists(temp.File("r.ecgbeats")));
        }
        await commit;
        Assert.Equal("csv", File.ReadAllText(temp.File("r.ecgbeats.csv")));
    }

    [Theory]
    [InlineData("../evil", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a\\b", false)]
    [InlineData("C:x", false)]
    [InlineData("..", false)]
    [InlineData("a\u0000b", false)]
    [InlineData("", false)]
    [InlineData("100", true)]
    [InlineData("x_108.hea", true)]
    public void PlainNames(string name, bool plain) => Assert.Equal(plain, SafeNames.IsPlain(name));

    [Fact]
    public void LongOrInvisibleTextIsQuotedShortAndVisibly()
    {
        string quoted = Quote.Short(new string('7', 10_000_000));
        Assert.True(quoted.Length < 120, quoted);
        Assert.Contains("10,000,000 characters", quoted);
        Assert.Equal("<byte-order mark>1.5", Quote.Short("\uFEFF1.5"));
        Assert.Equal("\\0\\0", Quote.Short("\0\0"));
    }
}
