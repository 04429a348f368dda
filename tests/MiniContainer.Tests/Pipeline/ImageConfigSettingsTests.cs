using MiniContainer.Go;
using MiniContainer.Images;
using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

/// <summary>The image's config settings (#18 "The image"): parsed from arguments and the script, per binary, and refused in one line naming the argument.</summary>
public class ImageConfigSettingsTests
{
    private static readonly GoModule Hello = new("/repo", "example.com/hello", "1.21", null, false);

    private static PipelineSettings Resolve(Dictionary<string, string>? arguments = null, PipelineScript? script = null, string root = "/repo") =>
        PipelineSettingsResolver.Resolve(script ?? new PipelineScript(), new DictionaryArgumentSource(arguments ?? []), _ => null, root, _ => true, _ => Hello);

    private static string Refused(Dictionary<string, string>? arguments = null, PipelineScript? script = null, string root = "/repo")
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments, script, root));
        error.Message.ShouldNotContain("\n");
        return error.Message;
    }

    [Fact]
    public void Without_settings_the_image_enters_at_its_binary_as_65532_in_app_with_time_zones()
    {
        var config = Resolve().ImageConfig;
        config.Entrypoint.ShouldBeNull();
        config.Command.ShouldBeNull();
        config.User.ShouldBe("65532:65532");
        config.WorkingDirectory.ShouldBe("/app");
        config.TimeZoneData.ShouldBeTrue();
        config.ExtraFiles.ShouldBeNull();
        Resolve().Tags.ShouldBe(["latest"]);
    }

    [Fact]
    public void Entrypoint_and_cmd_take_comma_separated_words_or_a_json_array()
    {
        var config = Resolve(new() { ["entrypoint"] = "/app/api, serve", ["cmd"] = """["--listen", ":8080,:9090"]""" }).ImageConfig;
        config.Entrypoint.ShouldBe(["/app/api", "serve"]);
        config.Command.ShouldBe(["--listen", ":8080,:9090"]);
    }

    [Fact]
    public void A_json_entrypoint_that_is_not_an_array_of_strings_names_the_argument()
    {
        Refused(new() { ["entrypoint"] = "[\"/app/api\", 3" }).ShouldStartWith("--entrypoint=[\"/app/api\", 3: ");
        Refused(new() { ["cmd"] = "[1]" }).ShouldContain("is not a JSON array of strings");
    }

    [Fact]
    public void Environment_labels_and_annotations_are_key_value_pairs_over_the_scripts()
    {
        var script = new PipelineScript
        {
            ImageEnvironment = { ["GODEBUG"] = "x=1", ["KEEP"] = "yes" },
            ImageLabels = { ["team"] = "script" },
        };
        var config = Resolve(new() { ["image-env"] = "GODEBUG=madvdontneed=1,EMPTY=", ["image-label"] = "team=argument", ["image-annotation"] = "com.example.owner=core" }, script).ImageConfig;
        config.Environment.ShouldBe(new Dictionary<string, string> { ["EMPTY"] = "", ["GODEBUG"] = "madvdontneed=1", ["KEEP"] = "yes" });
        config.Labels.ShouldBe(new Dictionary<string, string> { ["team"] = "argument" });
        config.Annotations.ShouldBe(new Dictionary<string, string> { ["com.example.owner"] = "core" });
    }

    [Fact]
    public void A_malformed_key_value_names_the_argument_and_the_form()
    {
        Refused(new() { ["image-env"] = "GODEBUG" }).ShouldBe("--image-env=GODEBUG: 'GODEBUG' is not KEY=VALUE: give pairs comma-separated, such as GODEBUG=madvdontneed=1,TZ=Europe/Paris.");
        Refused(new() { ["image-label"] = "=x" }).ShouldContain("is not KEY=VALUE");
        Refused(new() { ["image-env"] = "1X=y" }).ShouldContain("'1X', which is not a variable name");
        Refused(script: new PipelineScript { ImageLabels = { ["has space"] = "x" } }).ShouldStartWith("the build script's settings (--image-label): 'has space=x' has the key 'has space'");
    }

    [Fact]
    public void Several_tags_are_each_checked_and_kept_in_order_without_repeats()
    {
        Resolve(new() { ["image-tag"] = "1.2.3, latest,1.2.3" }).Tags.ShouldBe(["1.2.3", "latest"]);
        Resolve(script: new PipelineScript { ImageTag = "dev,edge" }).Tag.ShouldBe("dev");
        Refused(new() { ["image-tag"] = "1.2.3,-bad" }).ShouldBe(
            "--image-tag=1.2.3,-bad: '-bad' is not an image tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'; several tags are comma-separated (1.2.3,latest).");
        Refused(new() { ["image-tag"] = "a:b" }).ShouldContain("'a:b' is not an image tag");
    }

    [Fact]
    public void A_user_is_a_uid_and_gid_or_a_name_but_on_scratch_only_numbers()
    {
        Resolve(new() { ["image-user"] = "1000:1000" }).ImageConfig.User.ShouldBe("1000:1000");
        Resolve(new() { ["image-user"] = "www-data" }).ImageConfig.User.ShouldBe("www-data");
        Refused(new() { ["image-user"] = "1000:" }).ShouldStartWith("--image-user=1000:: '1000:' is not a user: give uid[:gid] in numbers");
        Refused(new() { ["image-user"] = "www-data", ["base-image"] = "scratch" }).ShouldStartWith("--image-user=www-data: 'www-data' is a name, and a scratch image has no /etc/passwd");
    }

    [Fact]
    public void The_working_directory_is_an_absolute_path()
    {
        Resolve(new() { ["workdir"] = "/srv/data" }).ImageConfig.WorkingDirectory.ShouldBe("/srv/data");
        Refused(new() { ["workdir"] = "srv" }).ShouldBe("--workdir=srv: 'srv' is not an absolute path in the image: give one such as /app or /srv/data.");
        Refused(new() { ["workdir"] = "/srv/../etc" }).ShouldContain("is not an absolute path");
    }

    [Fact]
    public void Exposed_ports_come_from_the_argument_or_the_script_with_their_protocol()
    {
        Resolve(new() { ["expose"] = "8080,5353/udp" }).ImageConfig.ExposedPorts.ShouldBe([new ExposedPort(8080), new ExposedPort(5353, "udp")]);
        Resolve(script: new PipelineScript { ExposedPorts = { 9090 } }).ImageConfig.ExposedPorts.ShouldBe([new ExposedPort(9090)]);
        Refused(new() { ["expose"] = "70000" }).ShouldBe("--expose=70000: '70000' is not a port: give 1-65535, optionally /tcp, /udp or /sctp (8080, 5353/udp).");
        Refused(new() { ["expose"] = "80/http" }).ShouldContain("is not a port");
    }

    [Fact]
    public void Extra_files_name_an_existing_folder_and_optionally_where_they_go()
    {
        var folder = Directory.CreateTempSubdirectory("minicontainer-extra-").FullName;
        try
        {
            Resolve(new() { ["extra-files"] = folder }).ImageConfig.ExtraFiles.ShouldBe(new ExtraFiles(folder, "/app/data"));
            Resolve(new() { ["extra-files"] = Path.GetFileName(folder) + ":/srv/static/" }, root: Path.GetDirectoryName(folder)!).ImageConfig.ExtraFiles
                .ShouldBe(new ExtraFiles(folder, "/srv/static"));
            Refused(new() { ["extra-files"] = folder + ":/" }).ShouldContain("which is not an absolute folder in the image other than /");
        }
        finally
        {
            Directory.Delete(folder);
        }
        Refused(new() { ["extra-files"] = "kodata" }).ShouldBe(
            "--extra-files=kodata: 'kodata' names no folder (/repo/kodata does not exist): give <folder>[:<path in image>], a folder whose files go into the image.");
    }

    [Fact]
    public void Tzdata_is_on_unless_turned_off()
    {
        Resolve(new() { ["tzdata"] = "false" }).ImageConfig.TimeZoneData.ShouldBeFalse();
        Resolve(script: new PipelineScript { TimeZoneData = false }).ImageConfig.TimeZoneData.ShouldBeFalse();
        Refused(new() { ["tzdata"] = "maybe" }).ShouldBe("--tzdata=maybe: 'maybe' is not a boolean; use true or false.");
    }

    [Fact]
    public void A_binary_of_the_script_gets_its_own_values_and_the_arguments_still_apply_to_it()
    {
        var script = new PipelineScript
        {
            BaseImage = "alpine:3.20",
            ImageEnvironment = { ["SHARED"] = "1" },
            Binaries =
            {
                ["api"] = new BinaryImageScript { BaseImage = "scratch", User = "1000", Command = ["serve"], Environment = { ["ROLE"] = "api" }, ExposedPorts = { 8080 }, ImageName = "team/api" },
            },
        };
        var settings = Resolve(new() { ["image-env"] = "LEVEL=debug" }, script);
        var api = settings.ImageConfigFor("api");
        api.BaseImage.ShouldBe("scratch");
        api.User.ShouldBe("1000");
        api.Command.ShouldBe(["serve"]);
        api.ImageName.ShouldBe("team/api");
        api.ExposedPorts.ShouldBe([new ExposedPort(8080)]);
        api.Environment.ShouldBe(new Dictionary<string, string> { ["LEVEL"] = "debug", ["ROLE"] = "api", ["SHARED"] = "1" });

        var worker = settings.ImageConfigFor("worker");
        worker.BaseImage.ShouldBe("alpine:3.20");
        worker.User.ShouldBe("65532:65532");
        worker.Environment.ShouldBe(new Dictionary<string, string> { ["LEVEL"] = "debug", ["SHARED"] = "1" });

        Resolve(new() { ["base-image"] = "alpine:3.19", ["image-user"] = "2000" }, script).ImageConfigFor("api").ShouldSatisfyAllConditions(
            c => c.BaseImage.ShouldBe("alpine:3.19"), c => c.User.ShouldBe("2000"));
    }

    [Fact]
    public void A_bad_value_of_one_binary_names_that_binary()
    {
        var script = new PipelineScript { Binaries = { ["api"] = new BinaryImageScript { User = "not a user" } } };
        Refused(script: script).ShouldStartWith("the build script's settings.Binaries[\"api\"] (--image-user): 'not a user' is not a user");
    }
}

public class ImageListTagsTests
{
    [Fact]
    public void An_image_with_several_tags_is_one_line_that_reads_back_with_its_first_tag_as_the_reference()
    {
        var entry = new ImageListEntry("api", "127.0.0.1:5000/team/api:1.2.3", "/out/oci/my layout") { AdditionalTags = ["latest", "1.2"] };

        entry.ToLine().ShouldBe("api 127.0.0.1:5000/team/api:1.2.3,latest,1.2 oci:/out/oci/my layout");
        var read = ImageListEntry.Parse(entry.ToLine());
        read.Reference.ShouldBe("127.0.0.1:5000/team/api:1.2.3");
        read.Tags.ShouldBe(["1.2.3", "latest", "1.2"]);
        read.Repository.ShouldBe("127.0.0.1:5000/team/api");
        read.Layout.ShouldBe("/out/oci/my layout");
        ImageListEntry.Parse("hello hello:dev").Tags.ShouldBe(["dev"]);
    }
}

public class BaseImageUserTests
{
    private const string Passwd = "root:x:0:0:root:/root:/bin/sh\nwww-data:x:82:82:Linux User,,,:/home/www-data:/sbin/nologin\n";

    [Fact]
    public void A_name_the_base_has_passes_and_one_it_lacks_is_named_with_those_it_has()
    {
        BaseImageUser.Check("www-data", Passwd, "alpine:3.20");
        BaseImageUser.Check("www-data:82", Passwd, "alpine:3.20");
        var error = Should.Throw<UnknownImageUserException>(() => BaseImageUser.Check("nginx", Passwd, "alpine:3.20"));
        error.Message.ShouldBe("The user 'nginx' is not in the /etc/passwd of the base image alpine:3.20 (it names root, www-data): give a uid[:gid] in numbers (such as 65532:65532), or a user the base has.");
        Should.Throw<UnknownImageUserException>(() => BaseImageUser.Check("nginx", null, "busybox")).Message.ShouldContain("(it has none)");
    }

    [Fact]
    public void Only_a_name_needs_the_bases_passwd()
    {
        BaseImageUser.IsName("65532:65532").ShouldBeFalse();
        BaseImageUser.IsName("1000:staff").ShouldBeFalse();
        BaseImageUser.IsName("www-data").ShouldBeTrue();
        BaseImageUser.IsName(null).ShouldBeFalse();
    }
}
