using System.Net.Sockets;
using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

/// <summary>An engine that cannot be reached is named with what to do about it.</summary>
public sealed class DockerEngineUnavailableExceptionTests
{
    [Fact]
    public void A_socket_this_user_may_not_open_says_how_to_get_access()
    {
        var error = new DockerEngineUnavailableException("unix:///var/run/docker.sock", new IOException("connect", new SocketException((int)SocketError.AccessDenied)));

        error.Message.ShouldStartWith("The Docker Engine at unix:///var/run/docker.sock does not let this user in");
        error.Message.ShouldContain("usermod -aG docker");
    }

    [Fact]
    public void A_socket_where_nothing_listens_says_to_start_the_engine()
    {
        var error = new DockerEngineUnavailableException("unix:///var/run/docker.sock", new SocketException((int)SocketError.ConnectionRefused));

        error.Message.ShouldStartWith("The Docker Engine at unix:///var/run/docker.sock does not answer");
        error.Message.ShouldContain("Start the engine");
    }
}
