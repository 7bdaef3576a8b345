using System.CommandLine;

namespace EcgBeats.Cli.Commands;

/// <summary>The <c>ecgbeats</c> command tree, in the order the help lists it (the order of the data's journey), and how it runs, turning failures into exit codes.</summary>
public static class CommandTree
{
    /// <summary>Every subcommand.</summary>
    public static IEnumerable<Command> All()
    {
        yield return FetchCommand.Create();
        yield return InfoCommand.Create();
        yield return SamplesCommand.Create();
        yield return SnipCommand.Create();
        yield return BuildDatasetCommand.Create();
        yield return TrainCommand.Create();
        yield return PredictCommand.Create();
        yield return EvaluateCommand.Create();
        yield return ReportCommand.Create();
        yield return RunCommand.Create();
        yield return TrainDefaultCommand.Create();
        yield return CrossValidateCommand.Create();
        yield return AnnotateCommand.Create();
        yield return ReviewCommand.Create();
        yield return AdaptCommand.Create();
        yield return ScoreCommand.Create();
    }

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "EcgBeats: classify ECG heartbeats into the AAMI classes (N, S, V, F, Q) from PhysioNet's MIT-BIH Arrhythmia Database.")
        {
            EcgBeatsApp.DataOption,
        };
        foreach (var command in All())
            root.Add(command);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; writes to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // WFDB's FLAC formats: libFLAC itself loads only when such a signal is read.
        EcgBeats.Flac.FlacSupport.Register();
        var parse = BuildRoot().Parse(args);
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
