using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>
/// NUKE's own <c>Apply</c> takes tool options only; the core's settings are immutable records, so a
/// hook here is <c>_ =&gt; _ with { ... }</c> and is applied the same way.
/// </summary>
internal static class ConfigureExtensions
{
    public static T Apply<T>(this T settings, Configure<T> configure) => configure(settings);
}
