namespace MiniContainer;

/// <summary>
/// A failure the user can act on. The message says what went wrong and what to do; hosts print it
/// as the one line a failed step ends with, without a stack trace.
/// </summary>
public class MiniContainerException : Exception
{
    public MiniContainerException(string message) : base(message) { }

    public MiniContainerException(string message, Exception? inner) : base(message, inner) { }
}
