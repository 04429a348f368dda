namespace MiniContainer.Images;

/// <summary>
/// A parsed image reference, <c>[registry/]repository[:tag][@digest]</c>, validated by the rules of
/// the distribution reference grammar so a wrong name fails here, with the wrong part named.
/// </summary>
public sealed record ImageReference
{
    public const string DockerHub = "docker.io";

    private ImageReference(string? registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>host[:port] as written, or null when the reference names none (Docker Hub).</summary>
    public string? Registry { get; }

    public string Repository { get; }

    public string? Tag { get; }

    public string? Digest { get; }

    /// <summary>The registry the engine talks to: <see cref="DockerHub"/> when none is written.</summary>
    public string RegistryHost => Registry ?? DockerHub;

    /// <summary>registry/repository without tag or digest, as the tag and push APIs take it.</summary>
    public string Name => Registry is null ? Repository : $"{Registry}/{Repository}";

    public override string ToString() =>
        Name + (Tag is null ? "" : $":{Tag}") + (Digest is null ? "" : $"@{Digest}");

    /// <summary>Parses a full reference such as <c>127.0.0.1:5000/team/app:1.2</c>.</summary>
    /// <exception cref="InvalidImageReferenceException">A part is not valid.</exception>
    public static ImageReference Parse(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw new InvalidImageReferenceException(reference ?? "", "repository", "is empty.");

        var rest = reference;
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        string? registry = null;
        var slash = rest.IndexOf('/');
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper))
            {
                registry = first;
                rest = rest[(slash + 1)..];
            }
        }

        return Create(registry, rest, tag, digest, reference);
    }

    /// <summary>Builds a reference from its parts, validating each (for settings given separately).</summary>
    /// <exception cref="InvalidImageReferenceException">A part is not valid.</exception>
    public static ImageReference Create(string? registry, string repository, string? tag = null, string? digest = null) =>
        Create(string.IsNullOrEmpty(registry) ? null : registry, repository, tag, digest, null);

    /// <summary>Returns this reference with another tag (and no digest).</summary>
    public ImageReference WithTag(string tag) => Create(Registry, Repository, tag, null, null);

    private static ImageReference Create(string? registry, string repository, string? tag, string? digest, string? written)
    {
        var shown = written ?? (registry is null ? "" : registry + "/") + repository + (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);

        if (registry is not null && !Grammar.IsRegistryHost(registry))
            throw new InvalidImageReferenceException(shown, "registry", $"'{registry}' is not a host name or IP address with an optional port (e.g. registry.example.com:5000).");

        if (repository.Length == 0)
            throw new InvalidImageReferenceException(shown, "repository", "is empty.");
        foreach (var component in repository.Split('/'))
        {
            if (component.Length == 0)
                throw new InvalidImageReferenceException(shown, "repository", $"'{repository}' has an empty path component.");
            if (!Grammar.IsPathComponent(component))
                throw new InvalidImageReferenceException(shown, "repository",
                    $"component '{component}' must be lower-case letters and digits, separated by '.', '_', '__' or '-'.");
        }
        var nameLength = (registry is null ? 0 : registry.Length + 1) + repository.Length;
        if (nameLength > 255)
            throw new InvalidImageReferenceException(shown, "repository", $"name is {nameLength} characters long; at most 255 are allowed.");

        if (tag is not null && !Grammar.IsTag(tag))
            throw new InvalidImageReferenceException(shown, "tag",
                $"'{tag}' must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");

        if (digest is not null && !Grammar.IsDigest(digest))
            throw new InvalidImageReferenceException(shown, "digest", $"'{digest}' must be an algorithm and a hex value, e.g. sha256:<64 hex digits>.");

        return new ImageReference(registry, repository, tag, digest);
    }
}
