using EcgBeats.PhysioNet;

namespace EcgBeats.Tests.Data;

public sealed class DataLocationTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void OptionWinsOverEnvironmentVariable()
    {
        var location = DataLocation.Resolve("/tmp/from-option", Environment(("ECGBEATS_DATA", "/tmp/from-env")));
        Assert.Equal("/tmp/from-option", location.Directory);
        Assert.Equal(DataLocationSource.Option, location.Source);
    }

    [Fact]
    public void EnvironmentVariableWinsOverDefault()
    {
        var location = DataLocation.Resolve(null, Environment(("ECGBEATS_DATA", "/tmp/from-env")));
        Assert.Equal("/tmp/from-env", location.Directory);
        Assert.Equal(DataLocationSource.EnvironmentVariable, location.Source);
    }

    [Fact]
    public void DefaultFollowsXdgDataHome()
    {
        var location = DataLocation.Resolve(null, Environment(("XDG_DATA_HOME", "/srv/xdg")));
        Assert.Equal(DataLocationSource.UserDefault, location.Source);
        Assert.Equal(Path.Combine("/srv/xdg", "ecgbeats", "mitdb"), location.Directory);
    }

    [Fact]
    public void DefaultWithoutXdgIsUnderTheHomeFolder()
    {
        var location = DataLocation.Resolve("  ", Environment());
        string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        Assert.StartsWith(home, location.Directory);
        Assert.EndsWith(Path.Combine("ecgbeats", "mitdb"), location.Directory);
    }

    [Fact]
    public void RelativeOptionIsMadeAbsolute()
    {
        var location = DataLocation.Resolve("records", Environment());
        Assert.Equal(Path.Combine(System.Environment.CurrentDirectory, "records"), location.Directory);
    }
}
