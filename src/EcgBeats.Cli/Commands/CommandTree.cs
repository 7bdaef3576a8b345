using System.CommandLine;

namespace EcgBeats.Cli.Commands;

/// <summary>The <c>ecgbeats</c> command tree, in the order the help lists it (the order of the data's journey), and how it runs, turning failures into exit codes.</summary>
public static class CommandTree
{
    /// <summary>
    /// Every subcommand, by name, with what makes it, in the order the help lists them. A command's making can be costly
    /// (<c>train</c>'s options come from every model kind, which loads TorchSharp and ML.NET: 60-90 ms), so a command
    /// line that names one is parsed with that one alone (<see cref="Run"/>).
    /// </summary>
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("fetch", FetchCommand.Create),
        ("info", InfoCommand.Create),
        ("samples", SamplesCommand.Create),
        ("snip", SnipCommand.Create),
        ("build-dataset", BuildDatasetCommand.Create),
        ("train", TrainCommand.Create),
        ("predict", PredictCommand.Create),
        ("evaluate", EvaluateCommand.Create),
        ("report", ReportCommand.Create),
        ("run", RunCommand.Create),
        ("train-default", TrainDefaultCommand.Create),
        ("cross-validate", CrossValidateCommand.Create),
        ("annotate", AnnotateCommand.Create),
        ("review", ReviewCommand.Create),
        ("adapt", AdaptCommand.Create),
        ("score", ScoreCommand.Create),
    ];

    /// <summary>The subcommands' names, in the help's order.</summary>
    public static IReadOnlyList<string> Names { get; } = Commands.Select(c => c.Name).ToArray();

    /// <summary>Every subcommand.</summary>
    public static IEnumerable<Command> All() => Commands.Select(c => c.Create());

    /// <summary>Builds the root command with every subcommand, or with the one named <paramref name="only"/>.</summary>
    public static RootCommand BuildRoot(string? only = null)
    {
        var root = new RootCommand(
            "EcgBeats: classify ECG heartbeats into the AAMI classes (N, S, V, F, Q) from PhysioNet's MIT-BIH Arrhythmia Database.")
        {
            EcgBeatsApp.DataOption,
        };
        foreach (var (name, create) in Commands)
            if (only is null || name == only)
                root.Add(create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; writes to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // WFDB's FLAC formats: libFLAC itself loads only when such a signal is read.
        EcgBeats.Flac.FlacSupport.Register();
        // A command line that starts with a subcommand's name is that subcommand's: the others are not made. Anything
        // else (help, a typo to suggest a name for, a global option first) gets the whole tree.
        string? named = args.Length > 0 && Names.Contains(args[0]) ? args[0] : null;
        var parse = BuildRoot(named).Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the command's token; each command stops at its next check, removes what it had not finished
            // (a staging folder, a half-built dataset) and says "interrupted". System.CommandLine's default 2 s cut that
            // short on a busy machine: exit 130 with no message and the cleanup lost (#25). A command that never checks
            // still ends 30 s after Ctrl+C.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        try
        {
            int code = parse.Invoke(configuration);
            return parse.Errors.Count > 0 && code != 0 ? (int)ExitCode.Usage : code;
        }
        catch (Exception e) when (Failures.Classify(e) is { } known)
        {
            error.WriteLine($"ecgbeats: {known.Message}");
            return (int)known.Code;
        }
        catch (Exception e)
        {
            error.WriteLine($"ecgbeats: internal error: {e.GetType().Name}: {e.Message}");
            error.WriteLine("This is a bug; please report it with the command you ran. Set ECGBEATS_DEBUG=1 for the stack trace.");
            if (Environment.GetEnvironmentVariable("ECGBEATS_DEBUG") == "1")
                error.WriteLine(e);
            return (int)ExitCode.InternalError;
        }
    }
}
