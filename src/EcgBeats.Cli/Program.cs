using EcgBeats.Cli;

return EcgBeatsApp.Run(args, Console.Out, Console.Error);
