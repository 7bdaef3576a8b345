using EcgBeats.Cli.Commands;

return CommandTree.Run(args, Console.Out, Console.Error);
