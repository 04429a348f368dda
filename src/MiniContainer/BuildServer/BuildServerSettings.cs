namespace MiniContainer.BuildServer;

/// <summary>Whether the steps run in a warm build server, and how long one waits for its next build before it exits.</summary>
public sealed record BuildServerSettings(bool Enabled, TimeSpan IdleTimeout)
{
    /// <summary>Ten minutes, as the C# compiler server waits: a person's edit-build loop, not a whole day.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(10);

    public static BuildServerSettings Off { get; } = new(false, DefaultIdleTimeout);
}
