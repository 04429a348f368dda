using Cake.Core;

namespace Cake.MiniContainer.Recipe;

/// <summary>
/// The recipe's tasks as typed handles (<c>MiniContainer.Tasks</c>), so a consumer re-wires the graph
/// in C#: <c>Task("Publish").IsDependentOn(MiniContainer.Tasks.PublishImage)</c>, or
/// <c>MiniContainer.Tasks.ComposeImage.IsDependentOn("MyCheck")</c>.
/// </summary>
public sealed class MiniContainerTasks
{
    public CakeTaskBuilder GoRestore { get; set; } = null!;

    public CakeTaskBuilder GoCompile { get; set; } = null!;

    public CakeTaskBuilder VerifyBinary { get; set; } = null!;

    public CakeTaskBuilder CaCertificates { get; set; } = null!;

    public CakeTaskBuilder ComposeImage { get; set; } = null!;

    public CakeTaskBuilder SmokeTest { get; set; } = null!;

    public CakeTaskBuilder PublishImage { get; set; } = null!;

    /// <summary>Not in PublishImage's chain: a release runs it after PublishImage (or alone, on the digests a publishing run left).</summary>
    public CakeTaskBuilder VerifyImageSignature { get; set; } = null!;
}
