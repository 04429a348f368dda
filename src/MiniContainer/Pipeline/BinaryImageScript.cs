using MiniContainer.SmokeTest;

namespace MiniContainer.Pipeline;

/// <summary>
/// What a build script sets for one binary's image (<see cref="PipelineScript.Binaries"/>): each value replaces the
/// script's own for that binary (environment and labels add to it), and an argument still wins over both.
/// </summary>
public sealed class BinaryImageScript
{
    /// <summary>The base of this binary's image (--base-image).</summary>
    public string? BaseImage { get; set; }

    /// <summary>This image's name, in place of &lt;image&gt;-&lt;binary&gt; (--image-name).</summary>
    public string? ImageName { get; set; }

    /// <summary>--entrypoint.</summary>
    public IList<string> Entrypoint { get; set; } = [];

    /// <summary>--cmd.</summary>
    public IList<string> Command { get; set; } = [];

    /// <summary>--image-env, added to the script's.</summary>
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    /// <summary>--image-label, added to the script's.</summary>
    public IDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    /// <summary>--expose.</summary>
    public IList<int> ExposedPorts { get; set; } = [];

    /// <summary>--image-user.</summary>
    public string? User { get; set; }

    /// <summary>The smoke test of this binary's image; null takes the script's.</summary>
    public SmokeTestSpec? SmokeTest { get; set; }
}
