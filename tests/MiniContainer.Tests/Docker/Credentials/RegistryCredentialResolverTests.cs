using System.Text;
using MiniContainer.Docker.Credentials;

namespace MiniContainer.Tests.Docker.Credentials;

public class RegistryCredentialResolverTests
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private sealed class FakeHelpers(Dictionary<(string Helper, string Server), RegistryCredentials?> answers) : ICredentialHelper
    {
        public List<(string Helper, string Server)> Calls { get; } = [];

        public Task<RegistryCredentials?> GetAsync(string helperName, string serverAddress, CancellationToken cancellationToken)
        {
            Calls.Add((helperName, serverAddress));
            return Task.FromResult(answers.GetValueOrDefault((helperName, serverAddress)));
        }
    }

    [Fact]
    public async Task Inline_auths_are_decoded_from_base64_and_keys_are_normalised()
    {
        var config = DockerConfigFile.Parse("""{"auths":{"http://127.0.0.1:5000/v2/":{"auth":"AUTH"}}}""".Replace("AUTH", Base64("ci:s3cr:et")), "config.json");

        var credentials = await new RegistryCredentialResolver(new FakeHelpers([])).ResolveAsync(config, "127.0.0.1:5000", CancellationToken.None);

        credentials.ShouldNotBeNull();
        credentials.Username.ShouldBe("ci");
        credentials.Password.ShouldBe("s3cr:et");
    }

    [Fact]
    public async Task A_registry_credHelper_wins_over_credsStore_and_auths()
    {
        var config = DockerConfigFile.Parse($$$"""
            {"auths":{"registry.example.com":{"auth":"{{{Base64("inline:pw")}}}"}},
             "credsStore":"desktop","credHelpers":{"registry.example.com":"pass"}}
            """, "config.json");
        var helpers = new FakeHelpers(new() { [("pass", "registry.example.com")] = new RegistryCredentials("from-pass", "pw") });

        var credentials = await new RegistryCredentialResolver(helpers).ResolveAsync(config, "registry.example.com", CancellationToken.None);

        credentials!.Username.ShouldBe("from-pass");
        helpers.Calls.ShouldBe([("pass", "registry.example.com")]);
    }

    [Fact]
    public async Task The_credsStore_is_asked_before_auths_and_Docker_Hub_uses_its_index_address()
    {
        var config = DockerConfigFile.Parse("""{"auths":{"https://index.docker.io/v1/":{}},"credsStore":"secretservice"}""", "config.json");
        var helpers = new FakeHelpers(new() { [("secretservice", RegistryHost.DockerHubIndex)] = new RegistryCredentials("hub", "pw") });

        var credentials = await new RegistryCredentialResolver(helpers).ResolveAsync(config, "docker.io", CancellationToken.None);

        credentials!.Username.ShouldBe("hub");
    }

    [Fact]
    public async Task When_the_store_has_nothing_the_inline_auth_is_used()
    {
        var config = DockerConfigFile.Parse($$$"""{"auths":{"index.docker.io":{"auth":"{{{Base64("u:p")}}}"}},"credsStore":"desktop"}""", "config.json");

        var credentials = await new RegistryCredentialResolver(new FakeHelpers([])).ResolveAsync(config, "registry-1.docker.io", CancellationToken.None);

        credentials!.Username.ShouldBe("u");
    }

    [Fact]
    public async Task An_unknown_registry_has_no_credentials() =>
        (await new RegistryCredentialResolver(new FakeHelpers([])).ResolveAsync(DockerConfigFile.Parse("{}", "c"), "other:5000", CancellationToken.None)).ShouldBeNull();

    [Fact]
    public void An_auth_that_is_not_base64_is_a_clear_error_without_the_value()
    {
        var error = Should.Throw<RegistryCredentialsException>(() => DockerConfigFile.Parse("""{"auths":{"r.example.com":{"auth":"not*base64*secret"}}}""", "/home/u/.docker/config.json"));

        error.Message.ShouldContain("/home/u/.docker/config.json");
        error.Message.ShouldContain("r.example.com");
        error.Message.ShouldNotContain("not*base64*secret");
    }

    [Fact]
    public void Identity_tokens_from_helpers_are_recognised() =>
        CredentialHelperProcess.Parse("""{"ServerURL":"x","Username":"<token>","Secret":"tok"}""", "docker-credential-x", "x")!.IdentityToken.ShouldBe("tok");

    [Theory]
    [InlineData("https://Registry.Example.com:5000/v1/", "registry.example.com:5000")]
    [InlineData("index.docker.io", "docker.io")]
    [InlineData("registry-1.docker.io", "docker.io")]
    public void Registry_names_are_normalised(string written, string normalised) => RegistryHost.Normalize(written).ShouldBe(normalised);

    [Fact]
    public void Credentials_never_show_their_secret()
    {
        var credentials = new RegistryCredentials("ci", "hunter2");

        credentials.ToString().ShouldNotContain("hunter2");
        credentials.ToString().ShouldContain("ci");
    }

    [Fact]
    public void Environment_credentials_need_both_variables()
    {
        RegistryCredentials.FromEnvironment(name => name == RegistryCredentials.UsernameVariable ? "u" : null).ShouldBeNull();
        RegistryCredentials.FromEnvironment(name => name == RegistryCredentials.UsernameVariable ? "u" : "p")!.Origin.ShouldBe("environment");
    }

    [Fact]
    public async Task A_login_goes_to_its_own_registry_only_and_other_hosts_get_their_config_json_entry()
    {
        var folder = Directory.CreateTempSubdirectory("login-scope").FullName;
        try
        {
            var config = Path.Combine(folder, "config.json");
            await File.WriteAllTextAsync(config, $$$$"""{"auths":{"base.example.com":{"auth":"{{{{Base64("base-user:base-pw")}}}}"},"registry.corp:5000":{"auth":"{{{{Base64("old:old")}}}}"}}}""");
            var login = new RegistryLogin("Registry.Corp:5000", new RegistryCredentials("ci", "publish-pw"));
            var resolver = new RegistryCredentialResolver(new FakeHelpers([]));

            var forPublish = await resolver.ResolveAsync(login, config, "registry.corp:5000", CancellationToken.None);
            var forBase = await resolver.ResolveAsync(login, config, "base.example.com", CancellationToken.None);
            var forOther = await resolver.ResolveAsync(login, config, "other.example.com", CancellationToken.None);

            forPublish!.Password.ShouldBe("publish-pw");
            forBase!.Username.ShouldBe("base-user", "the base's own docker login is not overridden");
            forOther.ShouldBeNull("a host with no entry gets nothing, not the publish credentials");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "registry.corp", "registry.corp")]
    [InlineData("registry.corp", "other.example.com", "registry.corp")]
    [InlineData(null, null, null)]
    public void Environment_credentials_belong_to_the_registry_MINICONTAINER_REGISTRY_names_else_to_the_push_target(string? registryVariable, string? publishRegistry, string? boundTo)
    {
        var variables = new Dictionary<string, string?>
        {
            [RegistryLogin.RegistryVariable] = registryVariable, [RegistryCredentials.UsernameVariable] = "ci", [RegistryCredentials.PasswordVariable] = "pw",
        };

        var login = RegistryLogin.FromEnvironment(publishRegistry, name => variables.GetValueOrDefault(name));

        login?.Registry.ShouldBe(boundTo);
        if (boundTo is null) login.ShouldBeNull();
    }
}
