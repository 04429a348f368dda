using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Docker.Credentials;
using MiniContainer.Docker.Images;
using MiniContainer.Images;

namespace MiniContainer.Publish;

/// <summary>Tags and pushes images through the engine, which talks to the registry.</summary>
public sealed class DockerImagePusher(DockerEngine engine)
{
    /// <summary>Gives <paramref name="image"/> (an ID or name) the name and tag of <paramref name="target"/>.</summary>
    /// <exception cref="DockerImageMissingException">The image is not in the engine.</exception>
    public async Task TagAsync(string image, ImageReference target, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Api.TagImageAsync(image, target.Name, target.Tag, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new DockerImageMissingException(image, engine.Endpoint.ToString(), "Build it first (the Image step).");
        }
    }

    /// <summary>Pushes <paramref name="target"/> (already tagged) and returns the manifest digest the registry stored.</summary>
    /// <exception cref="ImagePushFailedException">The engine reported an error; secrets are scrubbed from it.</exception>
    public async Task<string> PushAsync(ImageReference target, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        var registry = target.RegistryHost;
        var reader = new PushProgressReader();
        var auth = credentials is null
            ? new AuthConfig()
            : new AuthConfig
            {
                ServerAddress = RegistryHost.ServerAddress(registry),
                Username = credentials.IdentityToken is null ? credentials.Username : null,
                Password = credentials.IdentityToken is null ? credentials.Password : null,
                IdentityToken = credentials.IdentityToken,
            };

        void OnMessage(JSONMessage message, EngineStallGuard guard)
        {
            guard.Saw();
            reader.Read(message);
            // Status and progress lines only: the engine never echoes auth, but the error goes through Scrub below.
            if (message.Status is { Length: > 0 } status && message.Progress is null)
                engine.Logger.LogDebug("push: {Id}{Status}", message.ID is null ? "" : message.ID + " ", Scrub(status, credentials));
        }

        try
        {
            EnginePathValue.Checked(target.Name, "image name");
            await engine.StreamAsync("push " + target, async (client, guard, ct) =>
            {
                await client.Images.PushImageAsync(target.Name, new ImagePushParameters { Tag = target.Tag }, auth,
                    new EngineProgress(message => OnMessage(message, guard)), ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            var message = Scrub(EngineApiException.EngineText(e), credentials);
            throw new ImagePushFailedException(target.ToString(), registry, PushProgressReader.Classify(message), message);
        }

        if (reader.Error is { } error)
        {
            var message = Scrub(error, credentials);
            throw new ImagePushFailedException(target.ToString(), registry, PushProgressReader.Classify(message), message);
        }
        return reader.Digest ?? throw new ImagePushFailedException(target.ToString(), registry, PushFailure.Other, "the engine reported no digest");
    }

    internal static string Scrub(string text, RegistryCredentials? credentials)
    {
        if (credentials is null) return text;
        foreach (var secret in credentials.Secrets) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }
}
