using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace MiniContainer.BuildServer;

/// <summary>
/// The build server's process: listens on its socket, serves one build at a time (a second one is told it is busy
/// and runs its steps itself), and exits after the idle timeout without a build, on SIGTERM (a running step is
/// cancelled first, so its containers are removed), or when another server already listens at its socket. It
/// removes its socket and pid file when it exits.
/// </summary>
public static class BuildServerHost
{
    /// <summary>The exit code of a server that found another one listening at its socket.</summary>
    public const int AnotherServerListens = 4;

    /// <summary>The server's entry: <c>--socket &lt;path&gt; --version &lt;v&gt; --code-id &lt;id&gt; --key &lt;key&gt; --idle-timeout &lt;seconds&gt;</c>.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        var options = Options(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("usage: --socket <path> --version <version> --code-id <id> --key <key> --idle-timeout <seconds>").ConfigureAwait(false);
            return 2;
        }
        var (socketPath, identity, idle) = options.Value;
        var own = BuildServerIdentity.Current();
        if (own != identity)
        {
            // The key covers what the core reads from its own process: a server that differs would build otherwise.
            await Console.Error.WriteLineAsync($"{DateTime.UtcNow:O} not started: this process is {own}, the build asked for {identity}").ConfigureAwait(false);
            return 3;
        }
        using var stopping = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });
        return await ServeAsync(socketPath, identity, idle, Console.Error, stopping.Token).ConfigureAwait(false);
    }

    /// <summary>Listens at <paramref name="socketPath"/> until idle for <paramref name="idle"/> or stopped; 0 when it served, 4 when another server listens there.</summary>
    public static async Task<int> ServeAsync(string socketPath, BuildServerIdentity identity, TimeSpan idle, TextWriter diagnostics, CancellationToken stopping)
    {
        using var listener = Bind(socketPath);
        if (listener is null)
        {
            await diagnostics.WriteLineAsync($"{DateTime.UtcNow:O} not started: another server listens at {socketPath}").ConfigureAwait(false);
            return AnotherServerListens;
        }
        var pidFile = BuildServerDirectory.PidFileOf(socketPath);
        await File.WriteAllTextAsync(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", CancellationToken.None).ConfigureAwait(false);
        await diagnostics.WriteLineAsync($"{DateTime.UtcNow:O} listening at {socketPath} (pid {Environment.ProcessId}, MiniContainer {identity.Version}, idle timeout {idle})").ConfigureAwait(false);
        Task? session = null;
        try
        {
            var accept = listener.AcceptAsync(stopping).AsTask();
            while (true)
            {
                var idleWait = session is null ? Task.Delay(idle, stopping) : session;
                var finished = await Task.WhenAny(accept, idleWait).ConfigureAwait(false);
                if (stopping.IsCancellationRequested) break;
                if (finished == accept)
                {
                    var connection = await accept.ConfigureAwait(false);
                    accept = listener.AcceptAsync(stopping).AsTask();
                    if (session is null) session = ServeOneAsync(connection, identity, diagnostics, stopping);
                    else _ = RefuseBusyAsync(connection);
                }
                else if (session is not null)
                {
                    await session.ConfigureAwait(false);
                    session = null;
                }
                else
                {
                    await diagnostics.WriteLineAsync($"{DateTime.UtcNow:O} no build for {idle}: exiting").ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            // Gone from the folder before the process is: a build that comes now starts its own.
            BuildServerDirectory.TryDelete(socketPath);
            BuildServerDirectory.TryDelete(pidFile);
            if (session is not null) await session.ConfigureAwait(false);
        }
        await diagnostics.WriteLineAsync($"{DateTime.UtcNow:O} stopped").ConfigureAwait(false);
        return 0;
    }

    private static async Task ServeOneAsync(Socket connection, BuildServerIdentity identity, TextWriter diagnostics, CancellationToken stopping)
    {
        await Task.Yield();
        await using var stream = new NetworkStream(connection, ownsSocket: true);
        await new BuildServerSession(stream, identity, diagnostics).ServeAsync(stopping).ConfigureAwait(false);
    }

    private static async Task RefuseBusyAsync(Socket connection)
    {
        await using var stream = new NetworkStream(connection, ownsSocket: true);
        new FrameWriter(stream).TryWrite(new System.Text.Json.Nodes.JsonObject { ["type"] = Messages.Busy, ["pid"] = Environment.ProcessId });
    }

    /// <summary>The listening socket; null when a live server answers there. A socket file nobody answers at is a dead server's and is replaced.</summary>
    private static Socket? Bind(string socketPath)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                listener.Bind(new UnixDomainSocketEndPoint(socketPath));
                listener.Listen(16);
                return listener;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                listener.Dispose();
                if (Answers(socketPath)) return null;
                BuildServerDirectory.TryDelete(socketPath);
            }
        }
        return null;
    }

    internal static bool Answers(string socketPath)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (string Socket, BuildServerIdentity Identity, TimeSpan Idle)? Options(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        if (!values.TryGetValue("--socket", out var socket) || !values.TryGetValue("--version", out var version) || !values.TryGetValue("--code-id", out var codeId)
            || !values.TryGetValue("--key", out var key) || !values.TryGetValue("--idle-timeout", out var idleText)
            || !double.TryParse(idleText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var idleSeconds) || idleSeconds <= 0)
            return null;
        return (socket, new BuildServerIdentity(version, codeId, key), TimeSpan.FromSeconds(idleSeconds));
    }
}
