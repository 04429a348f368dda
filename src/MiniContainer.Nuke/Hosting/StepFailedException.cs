namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// Ends a target whose step failed with a user's mistake. NUKE logs a target's exception with its ToString (the stack
/// trace) under "Target X has thrown an exception"; the message is logged once already, so this renders as nothing.
/// </summary>
internal sealed class StepFailedException(string message) : Exception(message)
{
    public override string ToString() => "";
}
