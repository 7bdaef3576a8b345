using System.CommandLine;

namespace EcgBeats.Cli.Commands;

/// <summary>The command tree, in the order the help lists it (the order of the data's journey).</summary>
internal static class CommandTree
{
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
        yield return AnnotateCommand.Create();
        yield return ScoreCommand.Create();
    }
}
