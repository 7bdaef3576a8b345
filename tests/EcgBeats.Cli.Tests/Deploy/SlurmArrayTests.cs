using System.Diagnostics;
using System.Text.RegularExpressions;
using EcgBeats.Annotators;
using EcgBeats.TestSupport;
using EcgBeats.Wfdb;

namespace EcgBeats.Cli.Tests.Deploy;

/// <summary>
/// Issue #28: deploy/slurm/annotate-array.sh submitted with sbatch to a real single-node Slurm (Debian's slurm-wlm,
/// brought up by deploy/slurm/local-slurm.sh) over the 48 MIT-BIH records and one broken record, 4 array tasks: every
/// record annotated once, the same files byte for byte as one annotate process, a task cancelled mid-run and requeued
/// resumes without redoing what it finished, and the failed record shows in its task's exit state and log.
/// </summary>
public sealed class SlurmArrayTests
{
    private const int Tasks = 4;

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "deploy", "slurm", name);

    private static CliRunner.Result Run(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, string? directory = null) =>
        CliRunner.Program(file, args, environment, directory);

    /// <summary>What <c>scontrol show job</c> says of one array task: its state, exit code and restarts.</summary>
    private static (string State, string ExitCode, int Restarts) Show(Dictionary<string, string> slurm, string task)
    {
        var shown = Run("scontrol", ["show", "job", task], slurm);
        Assert.True(shown.ExitCode == 0, shown.Error);
        string Field(string name) => Regex.Match(shown.Output, $@"\b{name}=(\S+)").Groups[1].Value;
        return (Field("JobState"), Field("ExitCode"), int.Parse(Field("Restarts"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until no task of <paramref name="job"/> is pending or running (or 5 minutes pass).</summary>
    private static void WaitFor(Dictionary<string, string> slurm, string job)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var queue = Run("squeue", ["-h", "-j", job, "-o", "%i %T"], slurm);
            if (queue.ExitCode == 0 && queue.Output.Trim().Length == 0) return;
            Thread.Sleep(200);
        }
        Assert.Fail($"job {job} still queued or running after 5 minutes: {Run("squeue", [], slurm).Output}");
    }

    [Fact]
    public void AnArrayAnnotatesTheArchiveOnceSurvivesACancelledTaskAndEqualsOneProcess()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Slurm runs on Linux");
        string mitdb = TestData.RequireMitDb();
        using var temp = TestData.TempFolder();
        string slurmFolder = temp.File("slurm");
        var started = Run("bash", [Script("local-slurm.sh"), "start", slurmFolder]);
        Assert.SkipWhen(started.ExitCode == 3, $"no Slurm here: {started.Error.Trim()}");
        Assert.True(started.ExitCode == 0, started.Output + started.Error);
        var slurm = new Dictionary<string, string> { ["SLURM_CONF"] = Path.Combine(slurmFolder, "slurm.conf") };
        try
        {
            // The archive: the 48 records, and one whose signal file is missing (it sorts last: shard 1 of 4 holds it).
            string archive = temp.File("archive");
            Directory.CreateDirectory(archive);
            foreach (string r in TestData.MitBihRecords)
                foreach (string ext in new[] { ".hea", ".dat" })
                    File.Copy(Path.Combine(mitdb, r + ext), Path.Combine(archive, r + ext));
            File.WriteAllText(Path.Combine(archive, "zzz.hea"), "zzz 1 360 10\nzzz.dat 212 200 11 1024 0 0 0 MLII\n");
            string model = FixtureDataset.AnnModel;
            string cli = Path.Combine(AppContext.BaseDirectory, "EcgBeats.Cli.dll");
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

            // One process, the reference.
            string single = temp.File("single");
            var one = Run(dotnet, [cli, "annotate", archive, "--model", model, "--out", single, "--jobs", "2"]);
            Assert.True(one.ExitCode == 65, one.Output + one.Error);

            // The array: 4 tasks of one CPU each (two at a time on this 2-core machine).
            string output = temp.File("array");
            string logs = temp.File("logs");
            Directory.CreateDirectory(logs);
            var environment = new Dictionary<string, string>(slurm) { ["ECGBEATS"] = $"{dotnet} {cli}" };
            var submitted = Run("sbatch", ["--parsable", $"--array=1-{Tasks}", "--cpus-per-task=1", Script("annotate-array.sh"), archive, model, output], environment, logs);
            Assert.True(submitted.ExitCode == 0, submitted.Error);
            string job = submitted.Output.Trim().Split(';')[0];

            // Cancel task 1 once it has finished a record and before it has finished its shard.
            var all = RecordList.Expand([archive], null);
            var shard1 = Shard.Parse($"1/{Tasks}").Of(all).Select(RecordPath.Name).ToList();
            string Stamp(string record) => Path.Combine(output, $"{record}.ecgbeats.json");
            var clock = Stopwatch.StartNew();
            while (!shard1.Any(r => File.Exists(Stamp(r))) && clock.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(10);
            var cancel = Run("scancel", [$"{job}_1"], slurm);
            Assert.True(cancel.ExitCode == 0, cancel.Error);
            WaitFor(slurm, job);
            Assert.Equal("CANCELLED", Show(slurm, $"{job}_1").State);
            var finishedBefore = shard1.Where(r => File.Exists(Stamp(r))).ToDictionary(r => r, r => (File.GetLastWriteTimeUtc(Stamp(r)), File.ReadAllBytes(Path.Combine(output, $"{r}.ecgbeats"))));
            Assert.True(finishedBefore.Count is > 0 and < 12, $"task 1 finished {finishedBefore.Count} of its 12 good records before it was cancelled");
            // Cancelled, annotate stopped on Slurm's SIGTERM and still wrote its shard's summary: what it finished, and the rest not done.
            string shardSummary = Path.Combine(output, $"summary.ecgbeats.shard-1-of-{Tasks}.csv");
            var cancelledRows = File.ReadAllLines(shardSummary).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(shard1, cancelledRows.Select(r => r[0]));
            Assert.Equal(finishedBefore.Keys.Order(StringComparer.Ordinal), cancelledRows.Where(r => r[1] == "annotated").Select(r => r[0]).Order(StringComparer.Ordinal));
            Assert.All(cancelledRows.Where(r => r[1] != "annotated"), r => Assert.Equal("not done", r[1]));
            Assert.Contains("interrupted; finished work was kept", File.ReadAllText(Path.Combine(logs, $"ecgbeats-annotate-{job}_1.log")));

            // Requeued, it runs again: Slurm holds a requeued job back for a while; the test lets it start now.
            Assert.Equal(0, Run("scontrol", ["requeue", $"{job}_1"], slurm).ExitCode);
            Run("scontrol", ["update", $"JobId={job}_1", "StartTime=now"], slurm);
            WaitFor(slurm, job);

            // Exit states: the task with the broken record failed with annotate's exit code 65, the others completed.
            var first = Show(slurm, $"{job}_1");
            Assert.Equal(("FAILED", "65:0", 1), first);
            for (int t = 2; t <= Tasks; t++) Assert.Equal(("COMPLETED", "0:0", 0), Show(slurm, $"{job}_{t}"));
            string log1 = File.ReadAllText(Path.Combine(logs, $"ecgbeats-annotate-{job}_1.log"));
            Assert.Contains("ecgbeats annotate: zzz: ", log1);
            Assert.Contains("1 record(s) failed", log1);
            Assert.Contains("(restart 1)", log1);

            // The resumed task skipped what it had finished, and left those files as they were.
            foreach (var (record, (written, annotation)) in finishedBefore)
            {
                Assert.Contains($"{record}: already annotated by this model", log1);
                Assert.Equal(written, File.GetLastWriteTimeUtc(Stamp(record)));
                Assert.Equal(annotation, File.ReadAllBytes(Path.Combine(output, $"{record}.ecgbeats")));
            }

            // Every record once: the shard summaries hold each record exactly once, annotated (zzz failed).
            var rows = Enumerable.Range(1, Tasks)
                .SelectMany(s => File.ReadAllLines(Path.Combine(output, $"summary.ecgbeats.shard-{s}-of-{Tasks}.csv")).Skip(1))
                .Select(l => l.Split(','))
                .ToList();
            Assert.Equal(all.Select(RecordPath.Name).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
            Assert.All(rows.Where(r => r[0] != "zzz"), r => Assert.Equal("annotated", r[1]));
            Assert.Equal("failed", rows.Single(r => r[0] == "zzz")[1]);

            // ... with the same files, byte for byte, as the one process, and the same summary but for the seconds taken.
            foreach (string r in TestData.MitBihRecords)
                foreach (string ext in new[] { ".ecgbeats", ".ecgbeats.csv" })
                    Assert.True(File.ReadAllBytes(Path.Combine(single, r + ext)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, r + ext))), r + ext);
            static string WithoutSeconds(string[] row) => string.Join(',', row.Take(8)) + "|" + string.Join(',', row.Skip(9));
            var reference = File.ReadAllLines(Path.Combine(single, "summary.ecgbeats.csv")).Skip(1).Select(l => WithoutSeconds(l.Split(','))).Order(StringComparer.Ordinal);
            Assert.Equal(reference, rows.Select(WithoutSeconds).Order(StringComparer.Ordinal));

            // After the array, one annotate over the whole archive skips every finished record and writes the archive's
            // summary (deploy/README.md): the same as the one process's, but for the seconds.
            var collect = Run(dotnet, [cli, "annotate", archive, "--model", model, "--out", output]);
            Assert.True(collect.ExitCode == 65, collect.Output + collect.Error);
            Assert.Equal(TestData.MitBihRecords.Length, Regex.Matches(collect.Output, "already annotated by this model").Count);
            var whole = File.ReadAllLines(Path.Combine(output, "summary.ecgbeats.csv")).Skip(1).Select(l => WithoutSeconds(l.Split(','))).Order(StringComparer.Ordinal);
            Assert.Equal(reference, whole);

            // Nothing half-written: no temporary file left, and every good record has its three files.
            Assert.Empty(Directory.GetFiles(output, "*.tmp"));
            foreach (string r in TestData.MitBihRecords)
                Assert.True(File.Exists(Path.Combine(output, r + ".ecgbeats")) && File.Exists(Path.Combine(output, r + ".ecgbeats.csv")) && File.Exists(Stamp(r)), r);
        }
        finally
        {
            Run("bash", [Script("local-slurm.sh"), "stop", slurmFolder]);
        }
    }
}
