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
