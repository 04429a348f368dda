using Shouldly;
using Xunit;
using MiniContainer.BuildServer;

namespace MiniContainer.Tests.BuildServer;

public class BuildServerIdentityTests
{
    private static readonly KeyValuePair<string, string>[] Environment = [new("HOME", "/home/a"), new("DOCKER_HOST", "unix:///run/docker.sock")];

    private static BuildServerIdentity Of(string version = "0.1.0", string code = "aaaa", IEnumerable<KeyValuePair<string, string>>? environment = null, string folder = "/src/app", string umask = "0022") =>
        BuildServerIdentity.For(version, code, environment ?? Environment, folder, umask);

    [Fact]
    public void The_same_code_environment_folder_and_umask_give_the_same_socket_whatever_the_variables_order()
    {
        Of().SocketName.ShouldBe(Of(environment: Environment.Reverse()).SocketName);
    }

    [Fact]
    public void The_socket_name_carries_the_version_readably()
    {
        Of(version: "1.2.3-beta.1").SocketName.ShouldStartWith("server-1.2.3-beta.1-");
        Of(version: "1.2/../x").SocketName.ShouldNotContain("/");
    }

    [Fact]
    public void Another_version_or_build_of_the_code_is_another_server()
    {
        Of(version: "0.2.0").Key.ShouldNotBe(Of().Key);
        Of(code: "bbbb").Key.ShouldNotBe(Of().Key);
    }

    [Fact]
    public void Another_environment_folder_or_umask_is_another_server()
    {
        Of(environment: [.. Environment, new("MINICONTAINER_REGISTRY", "127.0.0.1:5000")]).Key.ShouldNotBe(Of().Key);
        Of(environment: [new("HOME", "/home/b"), Environment[1]]).Key.ShouldNotBe(Of().Key);
        Of(folder: "/src/other").Key.ShouldNotBe(Of().Key);
        Of(umask: "0077").Key.ShouldNotBe(Of().Key);
    }

    [Fact]
    public void What_a_shell_keeps_up_to_date_itself_is_not_part_of_this_process_s_identity()
    {
        var before = BuildServerIdentity.Current();
        var saved = new[] { "SHLVL", "OLDPWD", "_" }.ToDictionary(n => n, System.Environment.GetEnvironmentVariable);
        try
        {
            System.Environment.SetEnvironmentVariable("SHLVL", "7");
            System.Environment.SetEnvironmentVariable("OLDPWD", "/somewhere/else");
            System.Environment.SetEnvironmentVariable("_", "/bin/sh");
            BuildServerIdentity.Current().ShouldBe(before, "/bin/sh between a build and its server changes these, and the core reads none of them");
            System.Environment.SetEnvironmentVariable("IDENTITY_TEST_VARIABLE", "1");
            BuildServerIdentity.Current().Key.ShouldNotBe(before.Key);
        }
        finally
        {
            foreach (var (name, value) in saved) System.Environment.SetEnvironmentVariable(name, value);
            System.Environment.SetEnvironmentVariable("IDENTITY_TEST_VARIABLE", null);
        }
    }

    [Fact]
    public void A_build_traced_through_a_diagnostic_port_uses_the_server_of_the_same_build_untraced()
    {
        Of(environment: [.. Environment, new("DOTNET_DiagnosticPorts", "/tmp/dotnet-trace-1.socket,suspend,connect"), new("DOTNET_DefaultDiagnosticPortSuspend", "1")])
            .ShouldBe(Of(), "the server is started without them, so its own identity has none");
        Of(environment: [.. Environment, new("DOTNET_gcServer", "1")]).Key.ShouldNotBe(Of().Key, "other runtime settings do reach the server");
    }

    [Fact]
    public void The_server_is_started_without_the_build_s_diagnostic_ports_and_with_the_rest_of_its_environment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = "/home/a",
            ["DOTNET_DiagnosticPorts"] = "/tmp/dotnet-trace-1.socket,suspend,connect",
            ["DOTNET_DefaultDiagnosticPortSuspend"] = "1",
            ["COMPlus_DiagnosticPorts"] = "/tmp/x.socket",
            ["DOTNET_EnableEventPipe"] = "1",
        };

        BuildServerLauncher.LeaveOutRuntimeDiagnostics(environment);

        environment.Keys.Order(StringComparer.Ordinal).ToArray().ShouldBe(["DOTNET_EnableEventPipe", "HOME"], "a suspended server would wait for a resume nobody sends, for ever");
    }

    [Fact]
    public void This_process_is_its_own_identity_each_time_it_asks()
    {
        BuildServerIdentity.Current().ShouldBe(BuildServerIdentity.Current());
        BuildServerIdentity.Current().CodeId.Length.ShouldBe(32);
    }

    [Fact]
    public void A_socket_path_in_the_default_folders_fits_a_unix_socket()
    {
        var path = Path.Combine(BuildServerDirectory.Default(name => name == "XDG_RUNTIME_DIR" ? "/run/user/1000" : null), Of().SocketName);
        path.Length.ShouldBeLessThanOrEqualTo(BuildServerDirectory.MaxSocketPath);
        BuildServerDirectory.Default(name => name == "HOME" ? "/home/dev" : null).ShouldBe("/home/dev/.cache/minicontainer/servers");
        BuildServerDirectory.Default(name => name switch { "XDG_RUNTIME_DIR" => "relative", "HOME" => "/home/dev", _ => null }).ShouldBe("/home/dev/.cache/minicontainer/servers");
    }
}
