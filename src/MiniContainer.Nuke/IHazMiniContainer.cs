using MiniContainer.Nuke.Hosting;
using MiniContainer.Pipeline;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>
/// MiniContainer's pipeline as this build sets it. Every setting of the README's argument table is a <c>[Parameter]</c>
/// of one of the IHaz* components, with the same name as in Cake (<c>--goarch arm64</c>); the build's own defaults come
/// from the <see cref="MiniContainerSettings"/> hook. An argument or a <c>MINICONTAINER_&lt;NAME&gt;</c> variable wins
/// over the hook, and go.mod supplies what nobody set.
/// </summary>
public interface IHazMiniContainer : IHazGoModule, IHazMiniContainerArtifacts, IHazGoBuild, IHazImage, IHazRegistry
{
    [Parameter("How long an engine or registry exchange may pass without a byte: 90 (seconds), 90s, 5m - default: 2m")]
    string InactivityTimeout => TryGetValue(() => InactivityTimeout);

    [Parameter("Run the steps in a warm build server that stays after a build, so the next build skips .NET's first-use costs - default: true, false where CI is set")]
    bool? BuildServer => TryGetValue<bool?>(() => BuildServer);

    [Parameter("How long a build server waits for its next build before it exits: 600 (seconds), 90s, 10m - default: 10m")]
    string BuildServerIdleTimeout => TryGetValue(() => BuildServerIdleTimeout);

    /// <summary>
    /// The hook for the build's defaults: change the script it is given and return it, e.g.
    /// <c>_ =&gt; _.With(s =&gt; { s.ExposedPorts.Add(8080); s.Variables["main.version"] = "1.2.3"; })</c>.
    /// </summary>
    Configure<PipelineScript> MiniContainerSettings => _ => _;

    /// <summary>What the pipeline reads from the build: NUKE's script (the smoke tests from <see cref="ISmokeTest.SmokeTestSettings"/>), then the hook.</summary>
    sealed PipelineScript MiniContainerScript => MiniContainerSettings(new NukePipelineScript(this));

    /// <summary>The settings as the next step sees them (resolved now; reads go.mod, takes no lock).</summary>
    /// <exception cref="PipelineArgumentException">A setting's value cannot work; the message names it.</exception>
    sealed PipelineSettings MiniContainerResolvedSettings =>
        MiniContainerPipeline.Resolve(MiniContainerScript, new NukeArgumentSource(this), Environment.GetEnvironmentVariable, RootDirectory);

    /// <summary>Where the steps leave their outputs (bin/ with the binaries, image/, sbom/, oci/), for the build's own targets.</summary>
    sealed ArtifactLayout MiniContainerArtifacts => MiniContainerResolvedSettings.Layout;
}
