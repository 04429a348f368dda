using Cake.Core.Annotations;

[assembly: CakeNamespaceImport("Cake.MiniContainer")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.GoRestore")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.GoCompile")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.VerifyBinary")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.CaCertificates")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.ComposeImage")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.SmokeTest")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.PublishImage")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.Sbom")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.ImageIndex")]
[assembly: CakeNamespaceImport("Cake.MiniContainer.Recipe")]

namespace Cake.MiniContainer;

/// <summary>
/// MiniContainer's steps as Cake aliases: each validates its settings and calls the core step,
/// logging to Cake's log; a user's mistake fails the task with one message that says what to do.
/// </summary>
[CakeAliasCategory("MiniContainer")]
public static partial class MiniContainerAliases
{
}
