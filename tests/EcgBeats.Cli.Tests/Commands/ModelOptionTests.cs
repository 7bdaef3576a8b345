using System.CommandLine;
using EcgBeats.Cli.Commands;
using EcgBeats.Runs;
using EcgBeats.Models;
using EcgBeats.TestSupport;

namespace EcgBeats.Cli.Tests.Commands;

/// <summary>
/// Issue #22: each training option is declared once, and the flags, the help, the step stamp and the docs table all
/// read that declaration; a missing one fails here.
/// </summary>
public sealed class ModelOptionTests
{
    private static readonly ModelRegistry Registry = EcgBeatsApp.Models;

    private static IEnumerable<ModelOption> Declared => Registry.Kinds.SelectMany(k => k.Options).Distinct();

    [Fact]
    public void EveryDeclaredOptionIsAFlagInTrainsHelpAndNoOldSpellingIsShown()
    {
        var help = CliRunner.Run("train", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.All(Declared, o => Assert.Contains($"--{o.Name} ", help.Output));
        Assert.All(Declared.SelectMany(o => o.Aliases), a => Assert.DoesNotContain($"--{a} ", help.Output));
        // One flag per idea: no two declarations share a name or an old spelling.
        var names = Declared.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void OldSpellingsStillSetTheOptionTheyNamed()
    {
        var flags = new ModelOptionFlags(Registry);
        var command = new RootCommand();
        foreach (var flag in flags.Options) command.Options.Add(flag);
        var given = flags.Given(command.Parse(["--lr", "0.5", "--example-weights", "--class-weight-cap", "none", "--trees", "7"]));
        Assert.True(given.TryGet(CommonOptions.LearningRate, out double lr) && lr == 0.5);
        Assert.True(given.TryGet(CommonOptions.ClassWeights, out bool weights) && weights);
        Assert.True(given.TryGet(CommonOptions.ClassWeightCap, out double? cap) && cap is null);
        Assert.Equal(3 + 1, given.Values.Count());
        Assert.NotEmpty(command.Parse(["--class-weight-cap", "many"]).Errors);
    }

    [Fact]
    public void AFlagTheKindDoesNotTakeIsRefusedBeforeAnythingIsWritten()
    {
        using var temp = TestData.TempFolder();
        var result = CliRunner.Run("train", "--model", "rf", "--train", FixtureDataset.Train, "--out", temp.File("rf"), "--epochs", "3");
        Assert.Equal((int)ExitCode.BadInput, result.ExitCode);
        Assert.Contains("--epochs: rf does not take it", result.Error);
        Assert.Contains("--trees", result.Error);
        Assert.False(Directory.Exists(temp.File("rf")));
    }

    /// <summary>Every option that changes results is in a model step's stamp: changing its value alone reruns the step.</summary>
    [Fact]
    public void ChangingAnyOptionThatChangesResultsChangesTheModelStepsStamp()
    {
        var split = TestData.FixtureSplit();
        foreach (var kind in Registry.Kinds)
        {
            string before = MainJob.ModelStamp(kind, ModelOptions.None, split).Hash;
            foreach (var option in kind.Options)
            {
                var changed = ModelOptions.None.With(option, Another(kind, option));
                Assert.NotEqual(kind.DefaultOptions[option.Name], kind.Resolve(changed)[option.Name]);
                string after = MainJob.ModelStamp(kind, changed, split).Hash;
                if (option.ChangesResults) Assert.True(before != after, $"{kind.Name}: --{option.Name} is not in the step stamp");
                else Assert.True(before == after, $"{kind.Name}: --{option.Name} changes only speed but reruns the step");
            }
        }
    }

    /// <summary>docs/models.md's option table is the declarations' (regenerate it from <see cref="KindHelp.OptionTable"/>).</summary>
    [Fact]
    public void TheDocsOptionTableIsTheDeclarations()
    {
        string docs = File.ReadAllText(Path.Combine(LayeringTests.Root, "docs", "models.md"));
        const string begin = "<!-- options: made by KindHelp.OptionTable; a test keeps it equal -->\n", end = "<!-- /options -->";
        int start = docs.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/models.md has no options table");
        string table = docs[(start + begin.Length)..docs.IndexOf(end, start, StringComparison.Ordinal)];
        string expected = KindHelp.OptionTable(Registry);
        if (table != expected)
        {
            // The table to paste, for whoever changed a declaration.
            string made = Path.Combine(Path.GetTempPath(), "ecgbeats-options-table.md");
            File.WriteAllText(made, expected);
            Assert.Fail($"docs/models.md's option table differs from the declarations; the table they make is in {made}");
        }
    }

    /// <summary>A value of the option's type that <paramref name="kind"/> resolves to other than its default.</summary>
    private static object? Another(ModelKind kind, ModelOption option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        object?[] candidates = type switch
        {
            _ when type == typeof(int) => [3, 4],
            _ when type == typeof(double) => [0.375, 0.25],
            _ when type == typeof(float) => [0.375f, 0.25f],
            _ when type == typeof(bool) => [true, false],
            _ when type == typeof(string) => ["cuda", "N:gbt S:gbt V:gbt F:gbt Q:gbt"],
            _ when type.IsEnum => [.. Enum.GetValues(type).Cast<object?>()],
            _ => throw new InvalidOperationException($"no values for {option.Name} of {type.Name}"),
        };
        if (Nullable.GetUnderlyingType(option.ValueType) is not null) candidates = [null, .. candidates];
        return candidates.First(v => kind.Resolve(ModelOptions.None.With(option, v))[option.Name] != kind.DefaultOptions[option.Name]);
    }
}
