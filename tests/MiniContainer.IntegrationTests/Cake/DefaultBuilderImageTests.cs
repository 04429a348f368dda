using MiniContainer.Docker;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>The default builder on the real engine: kept under a local tag, made from the official image when that can be pulled.</summary>
[Collection(EngineCollection.Name)]
public sealed class DefaultBuilderImageTests
{
    [EngineFact]
    public async Task An_unpullable_official_image_ends_in_an_error_naming_it_and_the_builder_image_argument()
    {
        using var engine = await DockerEngine.ConnectAsync();
        const string version = "1.19";
        (await new DockerImages(engine).ExistsAsync(GoBuilder.DefaultImageFor(version), default)).ShouldBeFalse("no registry here, so the default builder cannot exist");

        var error = await Should.ThrowAsync<DefaultBuilderUnavailableException>(() => DefaultGoBuilderImage.EnsureAsync(engine, version, new TestLogger()));

        error.OfficialImage.ShouldBe("golang:1.19-alpine");
        error.LocalImage.ShouldBe("minicontainer/go-builder:1.19-alpine");
        error.Message.ShouldContain("--builder-image=<image>");
    }

    [EngineFact]
    public async Task A_default_builder_already_in_the_engine_is_used_as_it_is()
    {
        using var engine = await DockerEngine.ConnectAsync();
        const string version = "0.0-minicontainer-test";
        var local = GoBuilder.DefaultImageFor(version);
        await engine.Client.Images.TagImageAsync(TestBed.BuilderImage, new global::Docker.DotNet.Models.ImageTagParameters { RepositoryName = local.Split(':')[0], Tag = local.Split(':')[1] });
        try
        {
            (await DefaultGoBuilderImage.EnsureAsync(engine, version, new TestLogger())).ShouldBe(local);
        }
        finally
        {
            await engine.Client.Images.DeleteImageAsync(local, new global::Docker.DotNet.Models.ImageDeleteParameters());
        }
    }

    [Fact]
    public void The_default_builder_adds_a_musl_C_toolchain_to_the_official_Go_on_Alpine_image()
    {
        var dockerfile = DefaultGoBuilderImage.DockerfileFor("1.21");

        dockerfile.ShouldStartWith("FROM golang:1.21-alpine\n");
        dockerfile.ShouldContain("apk add --no-cache gcc musl-dev linux-headers git tzdata");
    }
}
