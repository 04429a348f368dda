using System.Text.Json.Nodes;

namespace MiniContainer.BuildServer;

/// <summary>Writes whole messages to one connection from any thread; after the first failed write (the peer left) it drops them.</summary>
internal sealed class FrameWriter(Stream stream)
{
    private readonly object _gate = new();
    private bool _broken;

    public bool IsBroken
    {
        get
        {
            lock (_gate) return _broken;
        }
    }

    /// <summary>Whether the message was written.</summary>
    public bool TryWrite(JsonObject message) =>
        TryWrite(MiniContainerJsonContext.Write<JsonNode>(message, MiniContainerJsonContext.Default.JsonNode, MiniContainerJsonContext.Compact));

    /// <summary>Whether the message (a JSON object's UTF-8 bytes) was written.</summary>
    public bool TryWrite(byte[] message)
    {
        lock (_gate)
        {
            if (_broken) return false;
            try
            {
                Frames.Write(stream, message);
                return true;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                _broken = true;
                return false;
            }
        }
    }
}
