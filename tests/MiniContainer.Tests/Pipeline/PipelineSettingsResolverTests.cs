using MiniContainer.Pipeline;
using MiniContainer.Go;
using MiniContainer.Certificates;

namespace MiniContainer.Tests.Pipeline;

public class PipelineSettingsResolverTests
{
    private const string Root = "/repo";
    private static readonly GoModule Hello = new(Root, "example.com/team/hello-api", "1.21", null, false);

    private static PipelineSettings Resolve(
        PipelineScript? script = null, Dictionary<string, string>? arguments = null, Dictionary<string, string>? environment = null,
        GoModule? module = null, params string[] existingFiles) =>
        PipelineSettingsResolver.Resolve(
            script ?? new PipelineScript(),
            new DictionaryArgumentSource(arguments ?? []),
            name => environment?.GetValueOrDefault(name),
            Root,
            existingFiles.Contains,
            _ => module ?? Hello);

    [Fact]
    public void An_argument_wins_over_the_environment_which_wins_over_the_script()
    {
        var script = new PipelineScript { ImageTag = "from-script", ImageName = "script-image", BaseImage = "script/base:1" };
        var environment = new Dictionary<string, string> { ["MINICONTAINER_IMAGE_TAG"] = "from-env", ["MINICONTAINER_IMAGE_NAME"] = "env-image" };
        var arguments = new Dictionary<string, string> { ["image-tag"] = "from-argument" };

        var settings = Resolve(script, arguments, environment);

        settings.Tag.ShouldBe("from-argument");
        settings.Image.ShouldBe("env-image");
        settings.BaseImage.ShouldBe("script/base:1");
    }

    [Fact]
    public void Go_mod_supplies_the_image_name_and_the_default_builder_for_its_go_directive()
    {
        var settings = Resolve();

        settings.Image.ShouldBe("hello-api");
        settings.BuilderImage.ShouldBeNull();
        settings.EffectiveBuilderImage.ShouldBe("minicontainer/go-builder:1.21-alpine");
        settings.Tag.ShouldBe("latest");
        settings.BaseImage.ShouldBe("alpine:3.20");
        settings.Output.ShouldBe("/repo/artifacts");
        settings.Packages.ShouldBe(["./..."]);
        settings.Registry.ShouldBeNull();
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void Cgo_reads_booleans(string value, bool expected) =>
        Resolve(arguments: new() { ["cgo"] = value }).Cgo.ShouldBe(expected);

    [Fact]
    public void A_wrong_boolean_names_the_argument_and_the_allowed_values()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["cgo"] = "maybe" }));

        error.Argument.ShouldBe(PipelineArguments.Cgo);
        error.Message.ShouldBe("--cgo=maybe: 'maybe' is not a boolean; use true or false.");
    }

    [Fact]
    public void A_wrong_value_from_the_environment_names_the_variable()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(environment: new() { ["MINICONTAINER_GOARCH"] = "amd65" }));

        error.Message.ShouldStartWith("MINICONTAINER_GOARCH=amd65: 'amd65' is not a GOARCH Go knows");
    }

    [Fact]
    public void A_wrong_value_from_the_script_names_the_settings_property()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(new PipelineScript { ImageName = "Not Valid" }));

        error.Argument.ShouldBe(PipelineArguments.ImageName);
        error.Message.ShouldStartWith("the build script's settings (--image-name): 'Not Valid' is not valid:");
    }

    [Theory]
    [InlineData("image-tag", "-bad")]
    [InlineData("registry", "not a host")]
    [InlineData("base-image", "bad//image")]
    [InlineData("builder-image", "bad image::x")]
    public void Image_names_are_checked_before_anything_runs(string argument, string value)
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { [argument] = value }));

        error.Argument.Name.ShouldBe(argument);
        error.Message.ShouldStartWith($"--{argument}={value}:");
    }

    [Fact]
    public void Scratch_is_a_base_image()
    {
        Resolve(arguments: new() { ["base-image"] = "scratch" }).BaseImage.ShouldBe("scratch");
    }

    [Fact]
    public void A_user_name_without_a_password_is_refused_without_printing_either_secret()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["registry-password"] = "s3cret-value" }));

        error.Argument.ShouldBe(PipelineArguments.RegistryUsername);
        error.Message.ShouldStartWith("--registry-password is set but --registry-username is not");
        error.Message.ShouldNotContain("s3cret-value");
    }

    [Fact]
    public void The_password_never_shows_in_the_settings_text()
    {
        var settings = Resolve(arguments: new() { ["registry-username"] = "me", ["registry-password"] = "s3cret-value" });

        settings.RegistryPassword.ShouldBe("s3cret-value");
        settings.ToString().ShouldNotContain("s3cret-value");
        settings.ToString().ShouldContain("password ***");
    }

    [Fact]
    public void Ca_bundle_and_extra_ca_files_resolve_against_the_source_folder()
    {
        var settings = Resolve(arguments: new() { ["ca-bundle"] = "certs/base.pem", ["ca-file"] = "certs/a.pem, /etc/corp.pem" },
            existingFiles: ["/repo/certs/base.pem", "/repo/certs/a.pem", "/etc/corp.pem"]);

        settings.CaBundleSource.ShouldBe(CaBundleSource.File);
        settings.CaBundleFile.ShouldBe("/repo/certs/base.pem");
        settings.CaFiles.ShouldBe(["/repo/certs/a.pem", "/etc/corp.pem"]);
    }

    [Fact]
    public void A_missing_ca_file_is_named()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["ca-file"] = "missing.pem" }));

        error.Message.ShouldBe("--ca-file=missing.pem: 'missing.pem' names no file (/repo/missing.pem does not exist); give PEM files of the CAs to add.");
    }

    [Fact]
    public void Ca_bundle_none_means_no_base_bundle()
    {
        Resolve(environment: new() { ["MINICONTAINER_CA_BUNDLE"] = "none" }).CaBundleSource.ShouldBe(CaBundleSource.None);
    }

    [Fact]
    public void Packages_split_on_commas()
    {
        Resolve(arguments: new() { ["packages"] = "./cmd/api,./cmd/worker" }).Packages.ShouldBe(["./cmd/api", "./cmd/worker"]);
    }

    [Fact]
    public void A_binary_to_verify_must_exist()
    {
        Resolve(arguments: new() { ["binary"] = "/usr/bin/tool" }, existingFiles: ["/usr/bin/tool"]).Binary.ShouldBe("/usr/bin/tool");
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["binary"] = "/nope" })).Argument.ShouldBe(PipelineArguments.Binary);
    }

    [Fact]
    public void Insecure_registries_and_the_inactivity_limit_reach_every_registry_client_and_the_publish_login_is_bound_to_its_registry()
    {
        var settings = Resolve(arguments: new() { ["registry"] = "registry.corp:5000", ["inactivity-timeout"] = "7s" },
            environment: new() { ["MINICONTAINER_INSECURE_REGISTRY"] = "registry.corp:5000, mirror.corp", ["MINICONTAINER_REGISTRY_USERNAME"] = "ci", ["MINICONTAINER_REGISTRY_PASSWORD"] = "pw" });

        settings.RegistryTransport.InsecureRegistries.ShouldBe(["registry.corp:5000", "mirror.corp"]);
        settings.RegistryTransport.InactivityTimeout.ShouldBe(TimeSpan.FromSeconds(7));
        settings.RegistryLogin!.Registry.ShouldBe("registry.corp:5000");
    }

    [Fact]
    public void The_sign_key_password_is_refused_on_the_command_line_without_showing_it_and_says_where_to_put_it()
    {
        var error = Should.Throw<PipelineArgumentException>(() =>
            Resolve(arguments: new() { ["sign-key"] = "key.pem", ["sign-key-password"] = "pw-on-the-command-line" }, existingFiles: "/repo/key.pem"));

        error.Argument.ShouldBe(PipelineArguments.SignKeyPassword);
        error.Message.ShouldBe("--sign-key-password is refused on the command line, where ps, shell history and CI logs show it: " +
                               "set MINICONTAINER_SIGN_KEY_PASSWORD (from a CI secret), or the build script's settings.SignKeyPassword from a secret in the build script.");
        error.Message.ShouldNotContain("pw-on-the-command-line");
    }

    [Fact]
    public void The_sign_key_password_comes_from_its_variable_over_the_script_and_is_never_in_the_settings_text()
    {
        var script = new PipelineScript { SignKey = "keys/sign.pem", SignKeyPassword = "from-script", VerifyKey = "keys/sign.pub" };

        var fromScript = Resolve(script, existingFiles: ["/repo/keys/sign.pem", "/repo/keys/sign.pub"]);
        var fromEnvironment = Resolve(script, environment: new() { ["MINICONTAINER_SIGN_KEY_PASSWORD"] = "from-env" }, existingFiles: ["/repo/keys/sign.pem", "/repo/keys/sign.pub"]);

        fromScript.SignKey.ShouldBe("/repo/keys/sign.pem");
        fromScript.VerifyKey.ShouldBe("/repo/keys/sign.pub");
        fromScript.SignKeyPassword.ShouldBe("from-script");
        fromEnvironment.SignKeyPassword.ShouldBe("from-env");
        fromEnvironment.ToString().ShouldContain("sign key /repo/keys/sign.pem (password ***)");
        fromEnvironment.ToString().ShouldNotContain("from-env");
    }

    [Theory]
    [InlineData("sign-key", "--sign-key=missing.pem: 'missing.pem' names no file (/repo/missing.pem does not exist); give the PEM file of an ECDSA P-256 private key.")]
    [InlineData("verify-key", "--verify-key=missing.pem: 'missing.pem' names no file (/repo/missing.pem does not exist); give the PEM file of the signer's ECDSA P-256 public key.")]
    public void A_key_file_that_does_not_exist_names_its_argument(string argument, string message)
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { [argument] = "missing.pem" }));

        error.Argument.Name.ShouldBe(argument);
        error.Message.ShouldBe(message);
    }
}
