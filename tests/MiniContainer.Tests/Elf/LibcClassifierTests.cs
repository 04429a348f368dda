using MiniContainer.Elf;

namespace MiniContainer.Tests.Elf;

public sealed class LibcClassifierTests
{
    private static LibcEvidence Evidence(
        Linkage linkage = Linkage.Static,
        string? interpreter = null,
        string[]? needed = null,
        string[]? strings = null,
        string[]? symbols = null,
        bool isGo = true,
        string? cgo = "1") => new(linkage, interpreter, needed ?? [], strings ?? [], symbols ?? [], isGo, cgo);

    [Fact]
    public void The_musl_loader_and_libc_so_mean_musl()
    {
        var facts = LibcClassifier.Classify(Evidence(Linkage.Dynamic, "/lib/ld-musl-x86_64.so.1", ["libc.so"]));

        facts.Flavour.ShouldBe(LibcFlavour.Musl);
        facts.Evidence.ShouldBe(["interpreter /lib/ld-musl-x86_64.so.1", "needs libc.so"]);
    }

    [Fact]
    public void Libc_so_6_means_glibc_and_a_dynamic_glibc_has_no_nss_hazard()
    {
        var facts = LibcClassifier.Classify(Evidence(Linkage.Dynamic, "/lib64/ld-linux-x86-64.so.2", ["libc.so.6"], symbols: ["__nss_database_lookup2"]));

        facts.Flavour.ShouldBe(LibcFlavour.Glibc);
        facts.NssHazard.ShouldBeFalse();
        facts.NssEvidence.ShouldBeEmpty();
    }

    [Fact]
    public void A_static_glibc_with_nss_symbols_is_a_hazard_and_names_them()
    {
        var facts = LibcClassifier.Classify(Evidence(strings: [LibcMarkers.GlibcTunables, LibcMarkers.GlibcNssNext], symbols: ["__nss_action_parse", "__libc_setup_tls"]));

        facts.Flavour.ShouldBe(LibcFlavour.Glibc);
        facts.NssHazard.ShouldBeTrue();
        facts.NssEvidence.ShouldBe(["symbol __nss_action_parse", "string \"Illegal status in __nss_next.\""]);
    }

    [Fact]
    public void A_stripped_static_glibc_is_still_a_hazard_from_its_strings_alone()
    {
        var facts = LibcClassifier.Classify(Evidence(strings: [LibcMarkers.GlibcFatal, LibcMarkers.GlibcNssNext]));

        facts.Flavour.ShouldBe(LibcFlavour.Glibc);
        facts.NssHazard.ShouldBeTrue();
    }

    [Fact]
    public void Muls_strerror_text_identifies_a_stripped_musl_binary()
    {
        var facts = LibcClassifier.Classify(Evidence(strings: [LibcMarkers.MuslStrError]));

        facts.Flavour.ShouldBe(LibcFlavour.Musl);
        facts.NssHazard.ShouldBeFalse();
    }

    [Fact]
    public void A_go_binary_built_with_cgo_disabled_and_no_markers_has_no_libc()
    {
        var facts = LibcClassifier.Classify(Evidence(cgo: "0"));

        facts.Flavour.ShouldBe(LibcFlavour.None);
        facts.Evidence.ShouldContain("Go build setting CGO_ENABLED=0");
    }

    [Fact]
    public void A_static_c_binary_without_markers_is_unknown_not_guessed()
    {
        LibcClassifier.Classify(Evidence(isGo: false, cgo: null)).Flavour.ShouldBe(LibcFlavour.Unknown);
    }

    [Fact]
    public void Linking_evidence_wins_over_strings_when_they_disagree()
    {
        var facts = LibcClassifier.Classify(Evidence(Linkage.Dynamic, "/lib/ld-musl-x86_64.so.1", strings: [LibcMarkers.GlibcTunables, LibcMarkers.GlibcFatal]));

        facts.Flavour.ShouldBe(LibcFlavour.Musl);
    }
}
