using System.Security.Cryptography;
using System.Text;
using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

/// <summary>The engine is found where the docker CLI finds it.</summary>
public sealed class DockerEndpointTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("mc-home-").FullName;

    private Uri Resolve(params (string Name, string Value)[] environment) =>
        DockerEndpoint.Resolve(name => environment.FirstOrDefault(e => e.Name == name).Value, _home);

    private void Context(string configDirectory, string name, string host)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        var folder = Path.Combine(configDirectory, "contexts", "meta", hash);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
    }

    [Fact]
    public void Without_settings_it_is_the_local_socket() =>
        Resolve().ShouldBe(new Uri("unix:///var/run/docker.sock"));

    [Fact]
    public void DOCKER_HOST_wins_over_a_context() =>
        Resolve(("DOCKER_HOST", "tcp://127.0.0.1:2375"), ("DOCKER_CONTEXT", "remote")).ShouldBe(new Uri("tcp://127.0.0.1:2375"));

    [Fact]
    public void DOCKER_CONTEXT_names_a_context_whose_endpoint_is_used()
    {
        Context(Path.Combine(_home, ".docker"), "remote", "tcp://127.0.0.1:23750");

        Resolve(("DOCKER_CONTEXT", "remote")).ShouldBe(new Uri("tcp://127.0.0.1:23750"));
    }

    [Fact]
    public void The_current_context_of_config_json_in_DOCKER_CONFIG_is_used()
    {
        var config = Path.Combine(_home, "elsewhere");
        Context(config, "ci", "unix:///run/ci/docker.sock");
        File.WriteAllText(Path.Combine(config, "config.json"), """{"auths":{},"currentContext":"ci"}""");

        Resolve(("DOCKER_CONFIG", config)).ShouldBe(new Uri("unix:///run/ci/docker.sock"));
    }

    [Fact]
    public void The_default_context_is_the_local_socket() =>
        Resolve(("DOCKER_CONTEXT", "default")).ShouldBe(new Uri("unix:///var/run/docker.sock"));

    [Fact]
    public void A_context_that_does_not_exist_says_how_to_choose_one() =>
        Should.Throw<MiniContainerException>(() => Resolve(("DOCKER_CONTEXT", "nope"))).Message
            .ShouldContain("The Docker context 'nope' does not exist");

    [Fact]
    public void A_DOCKER_HOST_that_is_not_an_endpoint_is_named() =>
        Should.Throw<MiniContainerException>(() => Resolve(("DOCKER_HOST", "not a uri"))).Message
            .ShouldContain("DOCKER_HOST is 'not a uri'");
}
