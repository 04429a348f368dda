namespace MiniContainer.SmokeTest;

/// <summary>
/// How to check that the image starts: a one-shot command (exit code and output) or, with
/// <see cref="Server"/>, a server that keeps running and answers HTTP.
/// </summary>
public sealed record SmokeTestSpec
{
    /// <summary>Arguments after the entry point (CMD), e.g. ["--version"]; null keeps the image's CMD.</summary>
    public IReadOnlyList<string>? Arguments { get; init; }

    public int ExpectedExitCode { get; init; }

    /// <summary>Text the output must contain (one-shot mode).</summary>
    public string? ExpectedOutput { get; init; }

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Runs as this user instead of the image's (e.g. to check a user override).</summary>
    public string? User { get; init; }

    /// <summary>The container's network: null means none for a one-shot command, host for a server; "host" reaches 127.0.0.1.</summary>
    public string? NetworkMode { get; init; }

    public ServerProbe? Server { get; init; }

    /// <summary>
    /// A one-shot check passes too when the program is still running after this long: it is taken for a server.
    /// The default smoke test (<see cref="Default"/>) sets it; null requires the program to exit.
    /// </summary>
    public TimeSpan? PassesStillRunningAfter { get; init; }

    /// <summary>Runs the container as a hardened cluster would (<see cref="ContainerHardening.Full"/>): on by default.</summary>
    public bool Hardened { get; init; } = true;

    /// <summary>The smoke test of a binary nobody wrote one for: the image's CMD exits 0 within the limit, or is still running after 3 s (a server).</summary>
    public static SmokeTestSpec Default { get; } = new() { PassesStillRunningAfter = TimeSpan.FromSeconds(3) };

    public static SmokeTestSpec OneShot(string expectedOutput, params string[] arguments) =>
        new() { Arguments = arguments, ExpectedOutput = expectedOutput };

    public static SmokeTestSpec ForServer(int port, params string[] arguments) =>
        new() { Arguments = arguments, Server = new ServerProbe(port) };
}

/// <summary>
/// A server check: still running after <see cref="StillRunningAfter"/>, then an HTTP GET on
/// 127.0.0.1:<see cref="Port"/> (host network) answers before the time limit.
/// </summary>
public sealed record ServerProbe(int Port)
{
    public TimeSpan StillRunningAfter { get; init; } = TimeSpan.FromSeconds(2);

    public string Path { get; init; } = "/";

    /// <summary>The status the GET must return; null accepts any HTTP answer.</summary>
    public int? ExpectedStatus { get; init; }
}
