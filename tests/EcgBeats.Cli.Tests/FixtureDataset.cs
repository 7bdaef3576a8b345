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

    private static readonly Lazy<string> LazyAnn = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), $"ecgbeats-cli-ann-model-{Environment.ProcessId}");
        var train = CliRunner.Run("train", "--model", "ann", "--train", Train, "--out", folder, "--epochs", "5");
        Assert.True(train.ExitCode == 0, train.Error);
        return folder;
    });

    /// <summary>An <c>ann</c> trained on <see cref="Train"/> for 5 epochs, once per test run (shared by the tests that annotate or adapt with it).</summary>
    public static string AnnModel => LazyAnn.Value;
}
