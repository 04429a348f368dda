using MiniContainer.Images;

namespace MiniContainer.Tests.Images;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("alpine:3.20", null, "alpine", "3.20", null)]
    [InlineData("127.0.0.1:5000/team/hello:1.0", "127.0.0.1:5000", "team/hello", "1.0", null)]
    [InlineData("localhost/hello", "localhost", "hello", null, null)]
    [InlineData("registry.example.com/a/b/c", "registry.example.com", "a/b/c", null, null)]
    [InlineData("library/hello_world__x-y.z", null, "library/hello_world__x-y.z", null, null)]
    [InlineData("ghcr.io/o/app:v1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "o/app", "v1", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Parse_splits_registry_repository_tag_and_digest(string text, string? registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        reference.Registry.ShouldBe(registry);
        reference.Repository.ShouldBe(repository);
        reference.Tag.ShouldBe(tag);
        reference.Digest.ShouldBe(digest);
        reference.ToString().ShouldBe(text);
    }

    [Fact]
    public void A_reference_without_registry_goes_to_Docker_Hub() =>
        ImageReference.Parse("hello:1").RegistryHost.ShouldBe("docker.io");

    [Theory]
    [InlineData("bad_host.example.com/app", "registry")]
    [InlineData("127.0.0.1:5000/Team/app", "repository")]
    [InlineData("hello-/app", "repository")]
    [InlineData("a//b", "repository")]
    [InlineData("hello:-bad", "tag")]
    [InlineData("hello:has space", "tag")]
    [InlineData("hello@sha256:abc", "digest")]
    [InlineData("", "repository")]
    public void Parse_names_the_part_that_is_not_valid(string text, string part)
    {
        var error = Should.Throw<InvalidImageReferenceException>(() => ImageReference.Parse(text));

        error.Part.ShouldBe(part);
        error.Message.ShouldContain($"its {part}");
    }

    [Fact]
    public void Create_validates_parts_given_separately_and_names_the_tag()
    {
        var error = Should.Throw<InvalidImageReferenceException>(() => ImageReference.Create("127.0.0.1:5000", "team/hello", "1.0/x"));

        error.Part.ShouldBe("tag");
        error.Message.ShouldContain("'1.0/x'");
    }

    [Fact]
    public void A_tag_longer_than_128_characters_is_refused() =>
        Should.Throw<InvalidImageReferenceException>(() => ImageReference.Parse("hello:" + new string('a', 129))).Part.ShouldBe("tag");
}
