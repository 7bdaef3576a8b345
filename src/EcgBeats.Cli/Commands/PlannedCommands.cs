using System.CommandLine;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// The command tree. Commands whose issue has not landed yet are stubs: they say
/// "not implemented yet" and exit with <see cref="ExitCode.NotImplemented"/>.
/// </summary>
internal static class PlannedCommands
{
    public static IEnumerable<Command> All()
    {
        yield return FetchCommand.Create();
        yield return InfoCommand.Create();
        yield return SnipCommand.Create();
        yield return BuildDatasetCommand.Create();
        yield return TrainCommand.Create();
        yield return PredictCommand.Create();
        yield return EvaluateCommand.Create();
        yield return ReportCommand.Create();
        yield return RunCommand.Create();
        yield return Stub("annotate", "Detect and classify every beat of a record; write WFDB annotations.");
        yield return Stub("score", "Compare two annotation files beat by beat (AAMI EC57).");
    }

    private static Command Stub(string name, string description)
    {
        var command = new Command(name, description + " (not implemented yet)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Error.WriteLine($"ecgbeats {name}: not implemented yet.");
            return (int)ExitCode.NotImplemented;
        });
        return command;
    }
}
