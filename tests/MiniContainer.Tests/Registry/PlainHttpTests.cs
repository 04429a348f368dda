using MiniContainer.Registry;

namespace MiniContainer.Tests.Registry;

public sealed class PlainHttpTests
{
    [Fact]
    public void Plain_http_to_a_registry_off_loopback_is_refused_saying_how_to_name_it_insecure()
    {
        var error = Should.Throw<PlainHttpRefusedException>(() => RegistryAddress.For("registry.corp:5000", plainHttp: true));

        error.Message.ShouldContain("--insecure-registry=registry.corp:5000");
        error.Message.ShouldContain(RegistryTransport.InsecureRegistryVariable);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(null)]
    public void A_registry_named_insecure_speaks_plain_http(bool? plainHttp) =>
        RegistryAddress.For("Registry.Corp:5000", plainHttp, new RegistryTransport { InsecureRegistries = ["registry.corp:5000"] }).BaseUri.ToString().ShouldBe("http://registry.corp:5000/");

    [Fact]
    public void Naming_one_host_insecure_does_not_allow_plain_http_to_another() =>
        Should.Throw<PlainHttpRefusedException>(() => RegistryAddress.For("registry.corp:5001", true, new RegistryTransport { InsecureRegistries = ["registry.corp:5000"] }));

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("localhost:5000")]
    [InlineData("[::1]:5000")]
    public void Loopback_registries_may_speak_plain_http_without_being_named(string registry) =>
        RegistryAddress.For(registry, plainHttp: true).BaseUri.Scheme.ShouldBe("http");
}
