using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MiniContainer.Pipeline;

namespace MiniContainer.BuildServer;

/// <summary>A build's connection to a server that welcomed it: steps run there, their log and summary come back.</summary>
internal sealed class BuildServerConnection : IDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long a cancelled step may take to unwind in the server (its containers removed) before the build stops waiting.</summary>
    private static readonly TimeSpan CancelledStepBound = TimeSpan.FromMinutes(2);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameWriter _writer;

    private BuildServerConnection(Socket socket, int pid)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _writer = new FrameWriter(_stream);
        ServerPid = pid;
    }

    public int ServerPid { get; }

    /// <summary>What connecting to a socket gave: a connection, or why there is none.</summary>
    public sealed record Attempt(BuildServerConnection? Connection, string? NotUsedBecause, bool NobodyListens);

    public static async Task<Attempt> ConnectAsync(string socketPath, BuildServerIdentity identity, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath)) return new Attempt(null, "no build server runs for this build yet", true);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return new Attempt(null, $"nothing answers at {socketPath} ({e.SocketErrorCode}): its server ended", true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return new Attempt(null, $"the server at {socketPath} did not accept within {HandshakeTimeout.TotalSeconds:0} s", false);
        }
        var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            new FrameWriter(stream).TryWrite(Messages.HelloFrom(identity));
            var answer = await Frames.ReadAsync(stream, timeout.Token).ConfigureAwait(false);
            var pid = answer?.Number("pid") ?? 0;
            if (answer is null)
            {
                // What a server dying as the build connects does: taken for nobody listening, so a new one is started.
                socket.Dispose();
                return new Attempt(null, $"the server at {socketPath} closed the connection without an answer: it ended", true);
            }
            switch (Messages.TypeOf(answer))
            {
                case Messages.Welcome when answer.Text("version") == identity.Version && answer.Text("codeId") == identity.CodeId:
                    return new Attempt(new BuildServerConnection(socket, pid), null, false);
                case Messages.Welcome:
                    // Both ends check: a server must run exactly this build's code.
                    socket.Dispose();
                    return new Attempt(null, $"the server at {socketPath} (pid {pid}) is MiniContainer {answer.Text("version")} ({answer.Text("codeId")}), not this build's {identity.Version} ({identity.CodeId})", false);
                case Messages.Busy:
                    socket.Dispose();
                    return new Attempt(null, $"the build server (pid {pid}) is running another build", false);
                case Messages.Refused:
                    socket.Dispose();
                    return new Attempt(null, $"the server at {socketPath} (pid {pid}) refused this build: {answer.Text("reason")}", false);
                default:
                    socket.Dispose();
                    return new Attempt(null, $"the server at {socketPath} did not answer as a MiniContainer build server", false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            socket.Dispose();
            return new Attempt(null, $"the server at {socketPath} reset the connection before it answered ({e.Message}): it ended", true);
        }
        catch (Exception e) when (e is BuildServerProtocolException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            return new Attempt(null, $"the server at {socketPath} did not answer as a MiniContainer build server ({e.Message})", false);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs one step in the server, its log lines to <paramref name="logger"/> and its summary entries to <paramref name="summary"/>.</summary>
    /// <exception cref="BuildServerStepException">The step failed in a way the user can act on (as it would here).</exception>
    /// <exception cref="OperationCanceledException">The build was interrupted; the server cancelled the step.</exception>
    /// <exception cref="BuildServerLostException">The server ended or broke the protocol before the step did.</exception>
    public async Task RunStepAsync(byte[] request, ILogger logger, RunSummary summary, CancellationToken cancellationToken)
    {
        if (!_writer.TryWrite(request)) throw new BuildServerLostException("the connection closed before the step was sent", sent: false);
        using var cancelled = new CancellationTokenSource();
        using var onCancel = cancellationToken.Register(() =>
        {
            _writer.TryWrite(Messages.CancelRequest());
            cancelled.CancelAfter(CancelledStepBound);
        });
        while (true)
        {
            JsonObject? message;
            try
            {
                message = await Frames.ReadAsync(_stream, cancelled.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
            {
                throw new OperationCanceledException($"the build server did not end the cancelled step within {CancelledStepBound.TotalMinutes:0} minutes", cancellationToken);
            }
            catch (Exception e) when (e is BuildServerProtocolException or IOException or SocketException)
            {
                throw new BuildServerLostException(e.Message, sent: true);
            }
            if (message is null) throw new BuildServerLostException("the connection closed", sent: true);
            switch (Messages.TypeOf(message))
            {
                case Messages.Log:
                    var level = (LogLevel)Math.Clamp(message.Number("level") ?? (int)LogLevel.Information, 0, 5);
                    var text = message.Text("text") ?? "";
                    logger.Log(level, default, text, null, static (line, _) => line);
                    break;
                case Messages.Summary:
                    summary.Apply(Messages.EntryOf(message));
                    break;
                case Messages.End:
                    End(message, cancellationToken);
                    return;
                default:
                    throw new BuildServerLostException($"the server sent '{Messages.TypeOf(message)}' during a step", sent: true);
            }
        }
    }

    private static void End(JsonObject end, CancellationToken cancellationToken)
    {
        var during = end.Text("during") ?? "";
        switch (end.Text("outcome"))
        {
            case Messages.Done:
                return;
            case Messages.Failed:
                throw new BuildServerStepException(during, end.Text("message") ?? "failed");
            case Messages.Cancelled:
                throw new OperationCanceledException("cancelled in the build server", cancellationToken);
            default:
                throw new InvalidOperationException($"{during} failed in the build server: {end.Text("message")}");
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }
}

/// <summary>A step in the build server failed as it would have here: the message says what to do; <see cref="During"/> is "Settings" or the step.</summary>
public sealed class BuildServerStepException(string during, string message) : MiniContainerException(message)
{
    public string During { get; } = during;
}

/// <summary>The build server ended or broke the protocol before the step did.</summary>
internal sealed class BuildServerLostException(string message, bool sent) : Exception(message)
{
    /// <summary>Whether the server had the step (it may have done part of it).</summary>
    public bool Sent { get; } = sent;
}
