namespace MiniContainer.Docker;

/// <summary>
/// Values that go into an engine request's path (image references, IDs, container and volume names).
/// Docker.DotNet puts them there as they are, so a CR, LF, '?', '#', '%' or space in one would change the
/// request the engine parses: each is checked here, on the library's path, whichever host called it.
/// </summary>
internal static class EnginePathValue
{
    /// <exception cref="MiniContainerException">The value holds a character no reference, ID or name has.</exception>
    public static string Checked(string value, string what)
    {
        if (value.Length is > 0 and <= 4096 && value.All(IsAllowed) && !value.Contains("..", StringComparison.Ordinal)) return value;
        var shown = value.Length > 80 ? value[..80] + "…" : value;
        throw new MiniContainerException(
            $"'{Printable(shown)}' is not a valid {what}: references, IDs and names hold only letters, digits and . _ - / : @ + (no spaces, line breaks, '?', '#' or '%').");
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or '@' or '+';

    private static string Printable(string value) => string.Concat(value.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
