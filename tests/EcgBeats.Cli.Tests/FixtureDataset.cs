using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests;

/// <summary>The dataset built by <c>build-dataset</c> from the fixture records, once per test run.</summary>
internal static class FixtureDataset
{
    private static readonly Lazy<string> LazyFolder = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), $"ecgbeats-cli-dataset-{Environment.ProcessId}");
        if (!File.Exists(Path.Combine(folder, "dataset.json")))
            Assert.Equal(0, CliRunner.Run("build-dataset", "--data", TestData.Fixture("mitdb"), "--out", folder).ExitCode);
        return folder;
    });

    public static string Train => Path.Combine(LazyFolder.Value, "mitbih_train.csv");

    public static string Test => Path.Combine(LazyFolder.Value, "mitbih_test.csv");
}
