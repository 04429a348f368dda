using System.Security.Cryptography;
using Docker.DotNet.Models;
using MiniContainer.Docker;
using MiniContainer.Images;

namespace MiniContainer.Compose;

/// <summary>
/// The inputs of a composed image, hashed (the deterministic build context and the base image's ID)
/// and carried as a label, so an unchanged rebuild finds its image instead of building it again.
/// </summary>
internal static class ComposeInputs
{
    public const string Label = "org.minicontainer.inputs";

    public static string Fingerprint(MemoryStream context, string baseImageId)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(context.GetBuffer(), 0, (int)context.Length);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes("\nbase " + baseImageId));
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    public static async Task<ImagesListResponse?> FindImageAsync(DockerEngine engine, string fingerprint, CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{Label}={fingerprint}"] = true } };
        var images = await engine.CallAsync("image list", (client, ct) => client.Images.ListImagesAsync(new ImagesListParameters { Filters = filters }, ct), cancellationToken).ConfigureAwait(false);
        return images.OrderByDescending(i => i.Created).FirstOrDefault();
    }

    /// <summary>Points every requested tag at the image (a tag may have moved since it was built).</summary>
    public static async Task EnsureTagsAsync(DockerEngine engine, ImagesListResponse image, IReadOnlyList<ImageReference> tags, CancellationToken cancellationToken)
    {
        var carried = (image.RepoTags ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var tag in tags.Where(t => !carried.Contains($"{t.Name}:{t.Tag ?? "latest"}")))
            await engine.Api.TagImageAsync(image.ID, tag.Name, tag.Tag ?? "latest", cancellationToken).ConfigureAwait(false);
    }
}
