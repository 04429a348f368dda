using System.Net.Sockets;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>A loopback test server's accept loop: each connection served on its own, until the server stops.</summary>
public static class AcceptLoop
{
    public static async Task RunAsync(TcpListener listener, Func<TcpClient, Task> serve, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            _ = serve(client);
        }
    }
}
