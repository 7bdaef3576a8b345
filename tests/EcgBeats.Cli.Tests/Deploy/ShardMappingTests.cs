using System.Text.RegularExpressions;
using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Deploy;

/// <summary>
/// Issue #28: the schedulers' task numbers become the right <c>--shard I/N</c>, without a scheduler: the Kubernetes
/// indexed Job's command (deploy/kubernetes/annotate-job.yaml, index 0..N-1 -> shard 1..N) and the Slurm array script
/// (deploy/slurm/annotate-array.sh, array 1-N or 0-(N-1) -> shard 1..N), each run by the shell with a stand-in
/// <c>ecgbeats</c> that prints its arguments.
/// </summary>
public sealed partial class ShardMappingTests
{
    private static string Deployed(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "deploy", .. parts]);

    /// <summary>A folder with an <c>ecgbeats</c> that prints its arguments, one per line.</summary>
    private static string StandIn(TempFolder temp)
    {
        string bin = temp.File("bin");
        Directory.CreateDirectory(bin);
        string tool = Path.Combine(bin, "ecgbeats");
        File.WriteAllText(tool, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    /// <summary>Runs <paramref name="shell"/> with <paramref name="args"/>, the stand-in first on PATH; its output lines.</summary>
    private static (int ExitCode, string[] Lines, string Error) Run(string shell, string bin, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var ran = CliRunner.Program(shell, args, new Dictionary<string, string>(environment) { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") });
        return (ran.ExitCode, ran.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), ran.Error);
    }

    private static string ShardOf(string[] arguments) => arguments[Array.IndexOf(arguments, "--shard") + 1];

    [GeneratedRegex("""args: \["(?<command>[^"]+)"\]""")]
    private static partial Regex ArgsLine();

    [Fact]
    public void TheKubernetesJobGivesIndexKShardKPlusOneOfItsCompletions()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "runs the command with sh");
        using var temp = TestData.TempFolder();
        string bin = StandIn(temp);
        string manifest = File.ReadAllText(Deployed("kubernetes", "annotate-job.yaml"));
        string command = ArgsLine().Match(manifest).Groups["command"].Value;
        int completions = int.Parse(Regex.Match(manifest, @"completions: (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(16, completions);
        Assert.Contains("completionMode: Indexed", manifest);

        var shards = Enumerable.Range(0, completions).Select(index =>
        {
            var (code, arguments, error) = Run("sh", bin, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "-c", command);
            Assert.True(code == 0, error);
            Assert.Equal("annotate", arguments[0]);
            return ShardOf(arguments);
        }).ToList();
        // Index 0..15 -> 1/16..16/16: each shard once, none outside the list.
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"{i}/16"), shards);
        Assert.Equal(shards, shards.Select(s => EcgBeats.Annotators.Shard.Parse(s).ToString()));
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(0, 15)]
    [InlineData(5, 7)]
    public void TheSlurmScriptGivesArrayTaskIShardIOfTheArraysSize(int first, int last)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "runs the script with sh");
        using var temp = TestData.TempFolder();
        string bin = StandIn(temp);
        int count = last - first + 1;
        for (int task = first; task <= last; task++)
        {
            var (code, arguments, error) = Run("bash", bin, ArrayTask(task, first, last, count, cpus: "2"), Deployed("slurm", "annotate-array.sh"), "/data/archive", "/models/m", "/results", "--ext", "ab");
            Assert.True(code == 0, error);
            Assert.Equal(["annotate", "/data/archive", "--model", "/models/m", "--out", "/results", "--shard", $"{task - first + 1}/{count}", "--jobs", "2", "--ext", "ab"], arguments);
        }
    }

    [Fact]
    public void TheSlurmScriptRefusesAnArrayWithGapsAndRunsOnlyAsAnArrayTask()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "runs the script with sh");
        using var temp = TestData.TempFolder();
        string bin = StandIn(temp);
        string script = Deployed("slurm", "annotate-array.sh");
        const string bash = "bash";

        // --array=1-16:2 has 8 tasks from 1 to 15: shards would be skipped.
        var stepped = Run(bash, bin, ArrayTask(3, 1, 15, 8, cpus: null), script, "/a", "/m", "/o");
        Assert.Equal(2, stepped.ExitCode);
        Assert.Contains("one range without steps", stepped.Error);
        Assert.DoesNotContain("annotate", stepped.Lines);

        var notArray = Run(bash, bin, new Dictionary<string, string>(), script, "/a", "/m", "/o");
        Assert.Equal(2, notArray.ExitCode);
        Assert.Contains("sbatch --array=1-N", notArray.Error);

        var tooFew = Run(bash, bin, ArrayTask(1, 1, 4, 4, cpus: null), script, "/a", "/m");
        Assert.Equal(2, tooFew.ExitCode);
        Assert.Contains("usage:", tooFew.Error);

        // Without --cpus-per-task, one record at a time.
        var plain = Run(bash, bin, ArrayTask(2, 1, 4, 4, cpus: null), script, "/a", "/m", "/o");
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal("1", plain.Lines[Array.IndexOf(plain.Lines, "--jobs") + 1]);
    }

    /// <summary>The variables Slurm sets in an array task.</summary>
    private static Dictionary<string, string> ArrayTask(int task, int first, int last, int count, string? cpus)
    {
        var environment = new Dictionary<string, string>
        {
            ["SLURM_ARRAY_JOB_ID"] = "77", ["SLURM_ARRAY_TASK_ID"] = $"{task}", ["SLURM_ARRAY_TASK_MIN"] = $"{first}",
            ["SLURM_ARRAY_TASK_MAX"] = $"{last}", ["SLURM_ARRAY_TASK_COUNT"] = $"{count}",
        };
        if (cpus is not null) environment["SLURM_CPUS_PER_TASK"] = cpus;
        return environment;
    }
}
