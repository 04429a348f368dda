using MiniContainer.Compose;
using MiniContainer.Images;

namespace MiniContainer.Tests.Compose;

public class DockerfileRendererTests
{
    private static readonly RuntimeImageSpec Hello = new RuntimeImageSpec().WithBinary("/out/hello");

    [Fact]
    public void The_default_is_the_recipe_on_a_pinned_alpine_with_a_non_root_user()
    {
        DockerfileRenderer.Render(Hello).ShouldBe(
            """
            FROM alpine:3.20
            WORKDIR /app
            COPY app/ /app/
            USER 65532:65532
            ENTRYPOINT ["/app/hello"]

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Opting_out_of_the_non_root_user_leaves_USER_out() =>
        DockerfileRenderer.Render(Hello.AsBaseImageUser()).ShouldNotContain("USER");

    [Fact]
    public void Scratch_with_a_CA_bundle_copies_it_to_the_standard_path()
    {
        var text = DockerfileRenderer.Render(Hello.OnScratch().WithCaBundle("/staged/ca.crt"));

        text.ShouldStartWith("FROM scratch\nCOPY certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n");
    }

    [Fact]
    public void The_apk_option_runs_the_recipe_and_adds_a_staged_bundle_as_an_extra_CA()
    {
        var text = DockerfileRenderer.Render(Hello.WithApkCaCertificates().WithCaBundle("/staged/company.crt"));

        text.ShouldContain($"COPY certs/ca-certificates.crt {DockerfileRenderer.AlpineExtraCaFile}\nRUN apk add --no-cache ca-certificates && update-ca-certificates\n");
        text.ShouldNotContain("/etc/ssl/certs/ca-certificates.crt");
    }

    [Fact]
    public void Environment_ports_labels_and_command_are_rendered_quoted_and_in_order()
    {
        var spec = Hello
            .WithEnvironment("GREETING", "say \"hi\" for $5")
            .WithEnvironment("A", "1")
            .WithExposedPort(8080)
            .WithLabel(OciLabels.Title, "hello")
            .WithCommand("--addr", ":8080");

        var text = DockerfileRenderer.Render(spec);

        text.ShouldContain("ENV A=\"1\"\nENV GREETING=\"say \\\"hi\\\" for \\$5\"\nEXPOSE 8080/tcp\nLABEL \"org.opencontainers.image.title\"=\"hello\"\n");
        text.ShouldEndWith("ENTRYPOINT [\"/app/hello\"]\nCMD [\"--addr\",\":8080\"]\n");
    }

    [Fact]
    public void Several_binaries_enter_at_the_first_unless_told_otherwise()
    {
        var spec = Hello.WithBinary("/out/tool");

        DockerfileRenderer.Render(spec).ShouldContain("ENTRYPOINT [\"/app/hello\"]");
        DockerfileRenderer.Render(spec.WithEntrypoint("/app/tool")).ShouldContain("ENTRYPOINT [\"/app/tool\"]");
        spec.SplitPerBinary().Select(s => s.EffectiveEntrypoint[0]).ShouldBe(["/app/hello", "/app/tool"]);
    }
}
