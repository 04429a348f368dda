using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using MiniContainer.Docker.Images;

namespace MiniContainer.Publish;

/// <summary>Reads the engine's push messages: the pushed digest, or the first error and what kind it is.</summary>
internal sealed partial class PushProgressReader
{
    public string? Digest { get; private set; }

    public string? Error { get; private set; }

    public void Read(JSONMessage message)
    {
        if (message.Error?.Message is { Length: > 0 } error) Error ??= error;
        if (message.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var digest))
            Digest = DockerImageBuilder.AsString(digest) ?? Digest;
        if (message.Status is { } status && DigestLine().Match(status) is { Success: true } match)
            Digest ??= match.Groups[1].Value;
    }

    public static PushFailure Classify(string error)
    {
        var text = error.ToLowerInvariant();
        if (text.Contains("unauthorized") || text.Contains("authentication required") || text.Contains("denied") || text.Contains("401"))
            return PushFailure.Unauthorized;
        if (text.Contains("dial tcp") || text.Contains("connection refused") || text.Contains("no such host") || text.Contains("i/o timeout")
            || text.Contains("network is unreachable") || text.Contains("server gave http response to https client") || text.Contains("connection reset"))
            return PushFailure.RegistryUnreachable;
        return PushFailure.Other;
    }

    /// <summary>"1.0: digest: sha256:… size: 528" — the line the docker CLI prints.</summary>
    [GeneratedRegex(@"digest: (sha256:[a-f0-9]{64})")]
    private static partial Regex DigestLine();
}
