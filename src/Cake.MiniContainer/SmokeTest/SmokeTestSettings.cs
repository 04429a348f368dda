using MiniContainer.SmokeTest;

namespace Cake.MiniContainer.SmokeTest;

/// <summary>Settings for <c>SmokeTest</c>: a one-shot run (exit code, output) or a server that answers HTTP.</summary>
public sealed class SmokeTestSettings : Hosting.IEngineSettings
{
    /// <summary>Arguments after the entry point; null keeps the image's CMD.</summary>
    public IList<string>? Arguments { get; set; }

    public int ExpectedExitCode { get; set; }

    /// <summary>Text the output must contain (one-shot).</summary>
    public string? ExpectedOutput { get; set; }

    /// <summary>A server's port: the container must keep running and answer HTTP GET on 127.0.0.1:port (host network).</summary>
    public int? Port { get; set; }

    public string Path { get; set; } = "/";

    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(30);

    public IList<string> Environment { get; set; } = [];

    /// <summary>Run it as a hardened cluster would: read-only root file system, all capabilities dropped, no new privileges (on by default; --smoke-test-hardened=false turns it off for all).</summary>
    public bool Hardened { get; set; } = true;

    public Uri? DockerHost { get; set; }


    /// <summary>How long an engine or registry exchange may pass without a byte (--inactivity-timeout); null for two minutes.</summary>

    public TimeSpan? InactivityTimeout { get; set; }

    /// <summary>The core's spec of this smoke test.</summary>
    /// <exception cref="ArgumentException">The port is not between 1 and 65535.</exception>
    public SmokeTestSpec ToSpec() => Port is < 1 or > 65535
        ? throw new ArgumentException($"SmokeTest: port {Port} is not between 1 and 65535.", nameof(Port))
        : new SmokeTestSpec
        {
            Arguments = Arguments?.ToList(),
            ExpectedExitCode = ExpectedExitCode,
            ExpectedOutput = ExpectedOutput,
            TimeLimit = TimeLimit,
            Environment = Environment.ToList(),
            Hardened = Hardened,
            Server = Port is { } port ? new ServerProbe(port) { Path = Path } : null,
        };
}
