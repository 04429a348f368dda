using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using MiniContainer.Images;

namespace MiniContainer.Docker.Images;

/// <summary>Builds an image through the engine's build API (the legacy builder) from a context tar.</summary>
public sealed class DockerImageBuilder(DockerEngine engine)
{
    /// <summary>Builds, tags, and returns the new image's ID (sha256:…).</summary>
    /// <exception cref="ImageBuildFailedException">The engine reported an error.</exception>
    public async Task<string> BuildAsync(Stream context, IReadOnlyList<ImageReference> tags, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? labels = null)
    {
        var name = tags.Count > 0 ? tags[0].ToString() : "the image";
        var output = new List<string>();
        string? imageId = null;
        string? error = null;

        void OnMessage(JSONMessage message, EngineStallGuard guard)
        {
            guard.Saw();
            if (message.Error?.Message is { Length: > 0 } failure) error ??= failure;
            foreach (var line in (message.Stream ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                output.Add(line);
                engine.Logger.LogDebug("build: {Line}", line);
                if (line.StartsWith("Successfully built ", StringComparison.Ordinal)) imageId ??= line["Successfully built ".Length..];
            }
            if (message.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id)) imageId = AsString(id) ?? imageId;
        }

        var parameters = new ImageBuildParameters
        {
            Tags = tags.Select(t => t.ToString()).ToList(),
            Dockerfile = "Dockerfile",
            Remove = true,
            ForceRemove = true,
            Labels = labels?.ToDictionary()!,
        };
        try
        {
            await engine.StreamAsync("image build " + name, async (client, guard, ct) =>
            {
                await client.Images.BuildImageFromDockerfileAsync(parameters, context, [], new Dictionary<string, string>(),
                    new EngineProgress(message => OnMessage(message, guard)), ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new ImageBuildFailedException(name, EngineApiException.EngineText(e), output);
        }

        if (error is not null) throw new ImageBuildFailedException(name, error, output);
        if (imageId is null) throw new ImageBuildFailedException(name, "the engine did not report an image ID", output);
        return imageId;
    }

    internal static string? AsString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement element => element.ToString(),
        null => null,
        _ => value.ToString(),
    };
}
