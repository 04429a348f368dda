using System.Net.Sockets;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// A test that needs the Docker Engine. Skipped where none answers, unless
/// MINICONTAINER_REQUIRE_ENGINE=1 (CI), where it runs and fails with the engine's own error.
/// </summary>
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute()
    {
        if (!TestBed.EngineRequired && !EngineProbe.Answers)
            Skip = $"No Docker Engine answers at {EngineProbe.Where} (set MINICONTAINER_REQUIRE_ENGINE=1 to fail instead).";
    }
}

/// <summary>The engine-needing flavour of [Theory].</summary>
public sealed class EngineTheoryAttribute : TheoryAttribute
{
    public EngineTheoryAttribute()
    {
        if (!TestBed.EngineRequired && !EngineProbe.Answers)
            Skip = $"No Docker Engine answers at {EngineProbe.Where} (set MINICONTAINER_REQUIRE_ENGINE=1 to fail instead).";
    }
}

internal static class EngineProbe
{
    private static readonly Lazy<bool> Probe = new(Check);

    public static string Where => Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";

    public static bool Answers => Probe.Value;

    private static bool Check()
    {
        try
        {
            using var engine = MiniContainer.Docker.DockerEngine.ConnectAsync().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is MiniContainerException or SocketException or IOException)
        {
            return false;
        }
    }
}
