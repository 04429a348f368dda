using System.Net;

namespace MiniContainer.Docker.Wire;

/// <summary>The engine calls on images: inspect, load, tag.</summary>
public sealed partial class EngineApi
{
    /// <summary>The image, or null when the engine does not have it.</summary>
    public async Task<EngineImage?> InspectImageAsync(string reference, CancellationToken cancellationToken)
    {
        using var json = await GetJsonOrNullAsync($"/images/{reference}/json", "image inspect " + reference, cancellationToken).ConfigureAwait(false);
        if (json is null) return null;
        var root = json.RootElement;
        return new EngineImage(root.GetProperty("Id").GetString()!, root.TryGetProperty("Size", out var size) ? size.GetInt64() : 0);
    }

    /// <summary>
    /// Loads a docker-archive that <paramref name="writeArchive"/> writes as it is sent (what <c>docker load</c> does);
    /// returns the engine's "Loaded image: …" lines.
    /// </summary>
    /// <exception cref="EngineApiException">The engine refused the archive (its own words).</exception>
    public async Task<IReadOnlyList<string>> LoadImageAsync(Func<Stream, CancellationToken, Task> writeArchive, CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync("POST", "/images/load?quiet=1", EngineRequestBody.Streamed("application/x-tar", writeArchive), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync("image load", cancellationToken).ConfigureAwait(false);
        var loaded = new List<string>();
        foreach (var message in EngineMessages.Split(await response.ReadBodyAsync(cancellationToken).ConfigureAwait(false)))
        {
            if (message.Error is { } error) throw new EngineApiException("image load", HttpStatusCode.OK, error);
            loaded.AddRange((message.Stream ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return loaded;
    }

    /// <summary>Tags the image as repository:tag (replacing what that tag named before).</summary>
    public async Task TagImageAsync(string image, string repository, string? tag, CancellationToken cancellationToken)
    {
        var query = $"repo={Uri.EscapeDataString(repository)}" + (tag is null ? "" : $"&tag={Uri.EscapeDataString(tag)}");
        await using var response = await _http.SendAsync("POST", $"/images/{image}/tag?{query}", null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync($"image tag {repository}:{tag}", cancellationToken).ConfigureAwait(false);
    }
}
