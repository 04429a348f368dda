namespace MiniContainer.Images;

/// <summary>A user given by name must be one the base's /etc/passwd has, or the container fails at start with "unable to find user".</summary>
public static class BaseImageUser
{
    /// <summary>Whether the user needs the base's /etc/passwd: a name, not a uid[:gid].</summary>
    public static bool IsName(string? user) => user is not null && !Grammar.IsNumericUser(user) && !Grammar.IsNumericUser(user.Split(':')[0]);

    /// <param name="passwd">The base's /etc/passwd; null when it has none.</param>
    /// <exception cref="UnknownImageUserException">The name is not in it.</exception>
    public static void Check(string user, string? passwd, string baseImage)
    {
        var name = user.Split(':')[0];
        var known = (passwd ?? "").Split('\n').Select(l => l.Split(':')[0].Trim()).Where(n => n.Length > 0 && !n.StartsWith('#')).ToList();
        if (!known.Contains(name, StringComparer.Ordinal)) throw new UnknownImageUserException(user, baseImage, known);
    }
}

/// <summary>The image's user is a name the base image's /etc/passwd lacks.</summary>
public sealed class UnknownImageUserException(string user, string baseImage, IReadOnlyList<string> known) : MiniContainerException(
    $"The user '{user}' is not in the /etc/passwd of the base image {baseImage} " +
    (known.Count == 0 ? "(it has none)" : $"(it names {string.Join(", ", known.Take(12))}{(known.Count > 12 ? ", ..." : "")})") +
    $": give a uid[:gid] in numbers (such as {RuntimeImageSpec.DefaultUser}), or a user the base has.")
{
    public string User { get; } = user;
}
