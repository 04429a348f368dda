namespace MiniContainer.Docker;

/// <summary>
/// Labels on every container a build starts, so a container left behind by a killed build can be
/// found and removed by the next one.
/// </summary>
public static class ContainerLabels
{
    public const string Managed = "org.minicontainer.managed";
    public const string Session = "org.minicontainer.session";
    public const string Step = "org.minicontainer.step";
    public const string HostProcess = "org.minicontainer.host-pid";

    /// <summary>Identifies this process's builds.</summary>
    public static string CurrentSession { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>"machine:pid" of this process, as <see cref="HostProcess"/> holds it.</summary>
    public static string CurrentHostProcess { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public static Dictionary<string, string> For(string step) => new()
    {
        [Managed] = "true",
        [Session] = CurrentSession,
        [Step] = step,
        [HostProcess] = CurrentHostProcess,
    };
}
