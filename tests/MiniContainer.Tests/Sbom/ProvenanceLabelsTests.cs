using MiniContainer.Elf;
using MiniContainer.Images;
using MiniContainer.Sbom;

namespace MiniContainer.Tests.Sbom;

public sealed class ProvenanceLabelsTests
{
    private static GoBuildInfo Info(params (string Key, string Value)[] settings) =>
        new("go1.19.8", "example.com/hello", new GoModuleVersion("example.com/hello", "(devel)", null), [], settings.Select(s => new GoBuildSetting(s.Key, s.Value)).ToList());

    [Fact]
    public void A_clean_checkout_labels_the_bare_commit_and_says_it_was_not_modified()
    {
        var labels = ProvenanceLabels.For(BuildProvenance.From(Info(), "https://example.com/hello.git", new SourceRevision("0123abcd", Modified: false)));

        labels[OciLabels.Source].ShouldBe("https://example.com/hello.git");
        labels[OciLabels.Revision].ShouldBe("0123abcd");
        labels[ProvenanceLabels.Modified].ShouldBe("false");
        labels[ProvenanceLabels.GoVersion].ShouldBe("go1.19.8");
    }

    [Fact]
    public void A_dirty_tree_marks_the_revision()
    {
        var labels = ProvenanceLabels.For(BuildProvenance.From(Info(), null, new SourceRevision("0123abcd", Modified: true)));

        labels[OciLabels.Revision].ShouldBe("0123abcd-dirty");
        labels[ProvenanceLabels.Modified].ShouldBe("true");
        labels.ContainsKey(OciLabels.Source).ShouldBeFalse();
    }

    [Fact]
    public void The_revision_go_stamped_into_the_binary_wins_and_its_modified_flag_counts()
    {
        var info = Info(("vcs", "git"), ("vcs.revision", "feedbeef"), ("vcs.modified", "true"));

        var provenance = BuildProvenance.From(info, null, new SourceRevision("0123abcd", Modified: false));

        provenance.MarkedRevision.ShouldBe("feedbeef-dirty");
    }

    [Fact]
    public void The_build_settings_label_is_a_json_array_of_the_exact_flags_in_gos_order_without_vcs_lines()
    {
        var info = Info(("-compiler", "gc"), ("-ldflags", "-w -buildid="), ("-trimpath", "true"), ("CGO_ENABLED", "0"), ("GOARCH", "arm64"), ("vcs.revision", "feedbeef"));

        var labels = ProvenanceLabels.For(BuildProvenance.From(info, null, null));

        labels[ProvenanceLabels.BuildSettings].ShouldBe("""["-compiler=gc","-ldflags=-w -buildid=","-trimpath=true","CGO_ENABLED=0","GOARCH=arm64"]""");
    }

    [Fact]
    public void Outside_a_checkout_there_is_no_revision_label()
    {
        var labels = ProvenanceLabels.For(BuildProvenance.From(Info(), null, null));

        labels.ContainsKey(OciLabels.Revision).ShouldBeFalse();
        labels.ContainsKey(ProvenanceLabels.Modified).ShouldBeFalse();
    }
}
