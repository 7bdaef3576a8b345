namespace EcgBeats;

/// <summary>
/// Input a user gave (a file, a record name, an option) cannot be used. The message says which
/// input, where in it and what was expected; the command line shows it without a stack trace.
/// </summary>
public class InvalidInputException : Exception
{
    /// <summary>Creates the exception with a message naming the input and the problem.</summary>
    public InvalidInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
