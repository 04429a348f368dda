namespace MiniContainer;

/// <summary>
/// The small grammars a build checks on its way (image references, digests, file and user names,
/// Go's major-version suffix), matched by hand. Each states the regular expression it implements;
/// a test holds every one to that expression. Not regexes because each distinct regex costs 7-11 ms
/// on its first use in a fresh process, and a build is a fresh process.
/// </summary>
internal static class Grammar
{
    /// <summary><c>^v[0-9]+$</c></summary>
    public static bool IsMajorVersionSuffix(ReadOnlySpan<char> text) => text.Length > 1 && text[0] == 'v' && AllDigits(text[1..]);

    /// <summary><c>^sha256:[a-f0-9]{64}$</c></summary>
    public static bool IsSha256Digest(ReadOnlySpan<char> text) =>
        text.Length == 71 && text.StartsWith("sha256:") && All(text[7..], IsLowerHex);

    /// <summary>
    /// A registry host: <c>^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]{1,5})?$</c>
    /// </summary>
    public static bool IsRegistryHost(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            var port = text[(colon + 1)..];
            if (port.Length is < 1 or > 5 || !AllDigits(port)) return false;
            text = text[..colon];
        }
        if (text.IsEmpty) return false;
        foreach (var range in text.Split('.'))
        {
            var label = text[range];
            if (label.IsEmpty || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1])) return false;
            if (!All(label, c => char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        }
        return true;
    }

    /// <summary>A repository path component: <c>^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$</c></summary>
    public static bool IsPathComponent(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < text.Length && IsLowerAlphanumeric(text[i])) i++;
            if (i == start) return false; // a run of [a-z0-9] must follow the start or a separator
            if (i == text.Length) return true;
            var separator = i;
            while (i < text.Length && !IsLowerAlphanumeric(text[i])) i++;
            var run = text[separator..i];
            var valid = run is "." or "_" or "__" || All(run, c => c == '-');
            if (!valid) return false;
        }
    }

    /// <summary>A tag: <c>^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$</c></summary>
    public static bool IsTag(ReadOnlySpan<char> text) =>
        text.Length is >= 1 and <= 128 && (char.IsAsciiLetterOrDigit(text[0]) || text[0] == '_')
        && All(text[1..], c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>
    /// A digest: <c>^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}|[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,})$</c>;
    /// the third form takes in the first two.
    /// </summary>
    public static bool IsDigest(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon < 0) return false;
        var algorithm = text[..colon];
        var encoded = text[(colon + 1)..];
        if (encoded.Length < 32 || !All(encoded, c => char.IsAsciiLetterOrDigit(c) || c is '=' or '_' or '-')) return false;
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < algorithm.Length && IsLowerAlphanumeric(algorithm[i])) i++;
            if (i == start) return false;
            if (i == algorithm.Length) return true;
            if (algorithm[i] is not ('.' or '+' or '_' or '-')) return false;
            i++;
        }
    }

    /// <summary>A file name in the image: <c>^[A-Za-z0-9_][A-Za-z0-9._-]*$</c></summary>
    public static bool IsFileName(ReadOnlySpan<char> text) =>
        !text.IsEmpty && (char.IsAsciiLetterOrDigit(text[0]) || text[0] == '_') && All(text[1..], c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>A user, optionally with a group: <c>^[A-Za-z0-9_][A-Za-z0-9._-]*(?::[A-Za-z0-9_][A-Za-z0-9._-]*)?$</c></summary>
    public static bool IsUser(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? IsFileName(text) : IsFileName(text[..colon]) && IsFileName(text[(colon + 1)..]);
    }

    /// <summary>A numeric user, optionally with a group: <c>^[0-9]+(?::[0-9]+)?$</c></summary>
    public static bool IsNumericUser(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? AllDigits(text) : AllDigits(text[..colon]) && AllDigits(text[(colon + 1)..]);
    }

    /// <summary>An environment variable's name: <c>^[A-Za-z_][A-Za-z0-9_]*$</c></summary>
    public static bool IsEnvironmentName(ReadOnlySpan<char> text) =>
        !text.IsEmpty && (char.IsAsciiLetter(text[0]) || text[0] == '_') && All(text[1..], c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.IsEmpty && All(text, char.IsAsciiDigit);

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool IsLowerHex(char c) => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';

    private static bool All(ReadOnlySpan<char> text, Func<char, bool> rule)
    {
        foreach (var c in text)
            if (!rule(c)) return false;
        return true;
    }
}
