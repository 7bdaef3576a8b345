using System.CommandLine;
using EcgBeats.Reports.Writers;
using EcgBeats.Runs;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats report RUN_DIR</c>: rebuilds a run's report from its saved evaluations and model cards, without
/// retraining. The run folder's layout is <see cref="RunFolder"/>'s.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("RUN_DIR") { Description = "The run folder (see 'ecgbeats run')." };
        var command = new Command("report", "Rebuild a run's report (report.html, report.md, metrics.json, metrics.csv, figures) from its saved evaluations.")
        {
            folder,
        };
        command.SetAction(parse =>
        {
            var run = RunFolder.At(parse.GetValue(folder)!);
            var results = RunReader.Read(run, EcgBeatsApp.Models.OrderOf);
            string html = ReportWriter.Write(results, run.Root);
            parse.InvocationConfiguration.Output.WriteLine($"report: {html} ({results.Results.Count} model results, splits: {string.Join(", ", results.Splits)})");
            return (int)ExitCode.Success;
        });
        return command;
    }
}
