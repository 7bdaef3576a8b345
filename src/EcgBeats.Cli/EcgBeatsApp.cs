using System.CommandLine;
using EcgBeats.Cli.Commands;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Torch;

namespace EcgBeats.Cli;

/// <summary>Builds the <c>ecgbeats</c> command tree and runs it, turning failures into exit codes.</summary>
public static class EcgBeatsApp
{
    /// <summary>The <c>--data DIR</c> option every data-reading command shares.</summary>
    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "Folder of the MIT-BIH records (default: $ECGBEATS_DATA, else ~/.local/share/ecgbeats/mitdb).",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>Every model kind this program trains and opens: the TorchSharp networks, the ML.NET models and the ensembles.</summary>
    public static ModelRegistry Models { get; } = new(TorchModels.Family, ClassicalModels.Family);

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "EcgBeats: classify ECG heartbeats into the AAMI classes (N, S, V, F, Q) from PhysioNet's MIT-BIH Arrhythmia Database.")
        {
            DataOption,
        };
        foreach (var command in CommandTree.All())
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
