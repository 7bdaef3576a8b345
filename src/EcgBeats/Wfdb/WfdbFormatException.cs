namespace EcgBeats.Wfdb;

/// <summary>
/// A WFDB file is not what its format promises. The message names the file and where the
/// problem is (a line number for headers, a byte offset for binary files) and what was expected.
/// </summary>
public sealed class WfdbFormatException : InvalidInputException
{
    /// <summary>Creates the exception; <paramref name="where"/> is e.g. "line 3" or "byte 1024".</summary>
    public WfdbFormatException(string file, string? where, string problem)
        : base(where is null ? $"{file}: {problem}" : $"{file}, {where}: {problem}")
    {
        File = file;
        Where = where;
        Problem = problem;
    }

    /// <summary>The file's path as given.</summary>
    public string File { get; }

    /// <summary>"line N" or "byte N", or null when the problem is the file as a whole.</summary>
    public string? Where { get; }

    /// <summary>What was wrong, without the location.</summary>
    public string Problem { get; }

    internal static WfdbFormatException AtLine(string file, int line, string problem) => new(file, $"line {line}", problem);

    internal static WfdbFormatException AtByte(string file, long offset, string problem) => new(file, $"byte {offset}", problem);
}
