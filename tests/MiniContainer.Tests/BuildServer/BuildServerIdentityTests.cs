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
