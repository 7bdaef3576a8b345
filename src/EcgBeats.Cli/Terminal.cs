using Spectre.Console;

namespace EcgBeats.Cli;

/// <summary>Spectre.Console over the writer a command was given (the real console, or a test's StringWriter).</summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter writer)
    {
        bool isConsole = ReferenceEquals(writer, Console.Out);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isConsole && !Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // A pipe or a file has no width: lay tables out for a wide page rather than 80 columns.
        if (!isConsole || Console.IsOutputRedirected) console.Profile.Width = 160;
        return console;
    }
}
