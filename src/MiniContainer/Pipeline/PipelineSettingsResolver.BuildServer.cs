using MiniContainer.BuildServer;

namespace MiniContainer.Pipeline;

public static partial class PipelineSettingsResolver
{
    /// <summary>
    /// Whether a host runs the steps in a warm build server (--build-server; default: on, off where CI is set, since a
    /// fresh job would only pay its start) and how long an unused server stays (--build-server-idle-timeout). Read
    /// before the rest of the settings, which the server resolves itself.
    /// </summary>
    public static BuildServerSettings BuildServer(IArgumentSource arguments, Func<string, string?> environment)
    {
        var values = new Values(arguments, environment);
        var enabled = Boolean(values.Get(PipelineArguments.BuildServer)) ?? environment("CI") is not { Length: > 0 };
        var idle = Duration(values.Get(PipelineArguments.BuildServerIdleTimeout)) ?? BuildServerSettings.DefaultIdleTimeout;
        return new BuildServerSettings(enabled, idle);
    }
}
