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
    /// <summary>When the container was made (Unix seconds): an owner that cannot be checked from here is judged by age.</summary>
    public const string Created = "org.minicontainer.created";

    /// <summary>Identifies this process's builds.</summary>
    public static string CurrentSession { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>This process, told apart across hosts, boots and PID namespaces, as <see cref="HostProcess"/> holds it.</summary>
    public static string CurrentHostProcess { get; } = HostProcessIdentity.Current.ToString();

    public static Dictionary<string, string> For(string step) => new()
    {
        [Managed] = "true",
        [Session] = CurrentSession,
        [Step] = step,
        [HostProcess] = CurrentHostProcess,
        [Created] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
