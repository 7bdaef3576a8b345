using EcgBeats.Runs;
using EcgBeats.TestSupport;

namespace EcgBeats.Tests.Runs;

/// <summary>A step is up to date exactly while every input that shapes its output is unchanged.</summary>
public sealed class StepStampTests
{
    private sealed record Options(int Epochs = 10, double Rate = 1e-3, string Device = "cpu");

    private static StepStamp Stamp(Options options, string data = "abc", string version = "1") =>
        new StepStamp("model").With("kind", "cnn").With("version", version).WithJson("options", options).With("data", data);

    [Fact]
    public void TheSameInputsGiveTheSameHashAndAnyChangedOneAnother()
    {
        string hash = Stamp(new Options()).Hash;
        Assert.Equal(hash, Stamp(new Options()).Hash);
        Assert.NotEqual(hash, Stamp(new Options(Epochs: 11)).Hash);
        Assert.NotEqual(hash, Stamp(new Options(Rate: 2e-3)).Hash);
        Assert.NotEqual(hash, Stamp(new Options(Device: "cuda")).Hash);
        Assert.NotEqual(hash, Stamp(new Options(), data: "abd").Hash);
        Assert.NotEqual(hash, Stamp(new Options(), version: "2").Hash);
        Assert.Equal(64, hash.Length);
    }

    [Fact]
    public void AFolderIsDoneOnlyWithItsOwnStamp()
    {
        using var folder = TestData.TempFolder();
        var stamp = Stamp(new Options());
        Assert.False(stamp.IsDoneIn(folder.Path));
        stamp.WriteTo(folder.Path);
        Assert.True(stamp.IsDoneIn(folder.Path));
        Assert.True(Stamp(new Options()).IsDoneIn(folder.Path));
        Assert.False(Stamp(new Options(Epochs: 11)).IsDoneIn(folder.Path));

        File.WriteAllText(folder.File(StepStamp.FileName), "model|cnn|profile=quick"); // a stamp of the old kind
        Assert.False(stamp.IsDoneIn(folder.Path));
        StepStamp.Clear(folder.Path);
        Assert.False(File.Exists(folder.File(StepStamp.FileName)));
    }
}
