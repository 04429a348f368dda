using Docker.DotNet;
using Docker.DotNet.Models;
using MiniContainer.Docker;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>Unique image names per run, and their removal, so tests leave no tags behind.</summary>
public sealed class ImageCleanup(DockerEngine engine) : IAsyncDisposable
{
    private readonly List<string> _references = [];

    public static string RunId { get; } = Guid.NewGuid().ToString("N")[..10];

    /// <summary>A local tag no other run uses, e.g. minicontainer-test/hello:ab12cd34ef-scratch.</summary>
    public string NewTag(string name, string variant)
    {
        var reference = $"minicontainer-test/{name}:{RunId}-{variant}";
        _references.Add(reference);
        return reference;
    }

    public void Track(string reference) => _references.Add(reference);

    public async ValueTask DisposeAsync()
    {
        foreach (var reference in _references)
        {
            try
            {
                await engine.Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true });
            }
            catch (DockerImageNotFoundException)
            {
            }
        }
    }
}
