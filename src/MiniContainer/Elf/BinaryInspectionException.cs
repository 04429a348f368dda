namespace MiniContainer.Elf;

/// <summary>The file could not be read as an ELF binary: missing, not ELF, truncated or corrupted.</summary>
public sealed class BinaryInspectionException : MiniContainerException
{
    public BinaryInspectionException(string path, string problem, Exception? inner = null)
        : base($"Cannot verify '{path}': {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that was inspected.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
