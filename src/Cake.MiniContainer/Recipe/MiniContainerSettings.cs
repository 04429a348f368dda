using Cake.MiniContainer.SmokeTest;
using MiniContainer.SmokeTest;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer.Recipe;

/// <summary>
/// What a build script sets for the recipe (<c>MiniContainer.Settings</c>): the core's <see cref="PipelineScript"/>
/// (each value the script's default: a <c>--name=value</c> argument or a <c>MINICONTAINER_&lt;NAME&gt;</c> variable
/// wins over it, and go.mod supplies what nobody set), with the smoke tests as Cake's <see cref="SmokeTestSettings"/>.
/// </summary>
public sealed class MiniContainerSettings : PipelineScript
{
    public override string Describe => "MiniContainer.Settings";

    /// <summary>The smoke test of every image without its own entry in <see cref="SmokeTests"/>; null runs the image's CMD and expects exit code 0.</summary>
    public SmokeTestSettings? SmokeTest { get; set; }

    /// <summary>Smoke tests by binary name, for modules with several binaries.</summary>
    public IDictionary<string, SmokeTestSettings> SmokeTests { get; set; } = new Dictionary<string, SmokeTestSettings>();

    public override IEnumerable<string> SmokeTestBinaries => SmokeTests.Keys.Concat(base.SmokeTestBinaries);

    /// <summary>The binary's own entry in <see cref="SmokeTests"/>, else its <c>Binaries[binary].SmokeTest</c>, else <see cref="SmokeTest"/>.</summary>
    public override SmokeTestSpec? SmokeTestFor(string binary) =>
        SmokeTests.TryGetValue(binary, out var own) ? own.ToSpec() : base.SmokeTestFor(binary) ?? SmokeTest?.ToSpec();
}
