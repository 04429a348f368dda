namespace Cake.MiniContainer.GoRestore;

/// <summary>Settings for <c>GoRestore</c>: <c>go mod download</c> in the builder container.</summary>
public sealed class GoRestoreSettings : GoBuilderSettings
{
}
