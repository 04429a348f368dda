using MiniContainer.Elf;
using MiniContainer.IntegrationTests.Elf;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Verify;

namespace MiniContainer.IntegrationTests.Verify;

[Collection(RealBinariesCollection.Name)]
public sealed class StaticBinaryVerifierTests(RealBinariesFixture binaries)
{
    private static readonly VerificationPolicy CompileStepPolicy = VerificationPolicy.ForGoBuild(HostMachine.GoArch, RealBinariesFixture.CompileStepLdflags);
    private readonly StaticBinaryVerifier verifier = new();

    [Fact]
    public void The_compile_step_binary_verifies_as_static_musl_with_its_go_build_info()
    {
        var result = verifier.Verify(binaries.MuslStatic, CompileStepPolicy);

        result.Passed.ShouldBeTrue(string.Join("; ", result.Findings.Select(f => f.Message)));
        var report = result.Report;
        report.Format.Class.ShouldBe("ELF64");
        report.Format.Endianness.ShouldBe("little");
        report.Format.Machine.ShouldBe(HostMachine.ElfMachine);
        report.Format.GoArch.ShouldBe(HostMachine.GoArch);
        report.Format.Type.ShouldBe("EXEC");
        report.Format.EntryPoint.ShouldNotBe(0UL);
        report.File.Size.ShouldBe(new FileInfo(binaries.MuslStatic).Length);
        report.Linking.Linkage.ShouldBe(Linkage.Static);
        report.Linking.Interpreter.ShouldBeNull();
        report.Linking.Needed.ShouldBeEmpty();
        report.Libc.Flavour.ShouldBe(LibcFlavour.Musl);
        report.Libc.Evidence.ShouldContain(e => e.Contains("__init_libc"));
        report.Libc.NssHazard.ShouldBeFalse();
        var go = report.Go.BuildInfo.ShouldNotBeNull();
        go.GoVersion.ShouldStartWith("go1.");
        go.Path.ShouldBe("example.com/hello");
        go.Main.ShouldBe(new GoModuleVersion("example.com/hello", "(devel)", null));
        go.Setting("CGO_ENABLED").ShouldBe("1");
        go.Setting("GOARCH").ShouldBe(HostMachine.GoArch);
        go.Setting("GOOS").ShouldBe("linux");
        go.Setting("-trimpath").ShouldBe("true");
    }

    [Fact]
    public void Debug_sections_from_the_c_side_survive_minus_w_and_are_a_warning_by_default_and_an_error_on_request()
    {
        var report = verifier.Inspect(binaries.MuslStatic);
        report.Debug.HasDebugInfo.ShouldBeTrue();
        report.Debug.DebugSections.ShouldContain(".debug_info");
        report.Debug.DebugBytes.ShouldBeGreaterThan(0);
        report.Debug.HasSymbolTable.ShouldBeTrue();

        var lenient = verifier.Verify(binaries.MuslStatic, CompileStepPolicy);
        lenient.Findings.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.Severity.ShouldBe(FindingSeverity.Warning),
            f => f.Code.ShouldBe("debug-info"),
            f => f.Message.ShouldContain("-s"));

        var strict = verifier.Verify(binaries.MuslStatic, CompileStepPolicy with { DebugInfoIsError = true });
        strict.Passed.ShouldBeFalse();
        strict.Findings.ShouldHaveSingleItem().Severity.ShouldBe(FindingSeverity.Error);
    }

    [Fact]
    public void A_binary_linked_with_minus_s_has_no_debug_info_nor_symbol_table_and_is_still_recognised_as_musl()
    {
        var result = verifier.Verify(binaries.MuslStaticStripped, CompileStepPolicy with { DebugInfoIsError = true });

        result.Passed.ShouldBeTrue();
        result.Findings.ShouldBeEmpty();
        result.Report.Debug.HasDebugInfo.ShouldBeFalse();
        result.Report.Debug.DebugBytes.ShouldBe(0);
        result.Report.Debug.Stripped.ShouldBeTrue();
        result.Report.Libc.Flavour.ShouldBe(LibcFlavour.Musl);
        result.Report.Libc.Evidence.ShouldContain(e => e.Contains("No error information"));
    }

    [Fact]
    public void A_plain_cgo_build_with_glibc_fails_naming_libc_so_6_and_the_interpreter()
    {
        var result = verifier.Verify(binaries.GlibcDynamic, CompileStepPolicy);

        result.Passed.ShouldBeFalse();
        result.Report.Linking.Linkage.ShouldBe(Linkage.Dynamic);
        result.Report.Linking.Interpreter.ShouldBe(HostMachine.GlibcLoader);
        result.Report.Linking.Needed.ShouldContain("libc.so.6");
        result.Report.Libc.Flavour.ShouldBe(LibcFlavour.Glibc);
        var error = result.Findings.Single(f => f.Code == "dynamic");
        error.Severity.ShouldBe(FindingSeverity.Error);
        error.Message.ShouldContain("libc.so.6");
        error.Message.ShouldContain(HostMachine.GlibcLoader);
        error.Message.ShouldContain("-extldflags");
        error.Message.ShouldContain("musl-gcc");
    }

    [Fact]
    public void A_static_glibc_build_with_net_is_flagged_for_the_nss_hazard()
    {
        var result = verifier.Verify(binaries.GlibcStatic, CompileStepPolicy with { StripDwarfRequested = false });

        result.Report.Linking.Linkage.ShouldBe(Linkage.Static);
        result.Report.Libc.Flavour.ShouldBe(LibcFlavour.Glibc);
        result.Report.Libc.NssHazard.ShouldBeTrue();
        result.Report.Libc.NssEvidence.ShouldContain(e => e.Contains("__nss_"));
        result.Report.Libc.NssEvidence.ShouldContain("string \"Illegal status in __nss_next.\"");
        result.Passed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Code.ShouldBe("glibc-nss");
    }

    [Fact]
    public void The_nss_hazard_is_found_from_glibc_strings_when_the_symbol_table_is_stripped()
    {
        var stripped = Path.Combine(binaries.Directory, "glibc-static-stripped");
        HostToolchain.Run(binaries.Directory, "strip", ["-o", stripped, binaries.GlibcStatic]);

        var report = verifier.Inspect(stripped);

        report.Debug.HasSymbolTable.ShouldBeFalse();
        report.Libc.Flavour.ShouldBe(LibcFlavour.Glibc);
        report.Libc.NssHazard.ShouldBeTrue();
        report.Libc.NssEvidence.ShouldBe(["string \"Illegal status in __nss_next.\""]);
    }

    [Fact]
    public void An_arm64_build_verifies_as_aarch64_and_fails_when_amd64_was_expected()
    {
        var asArm64 = verifier.Verify(binaries.Arm64, new VerificationPolicy { ExpectedGoArch = "arm64" });
        asArm64.Passed.ShouldBeTrue();
        asArm64.Report.Format.Machine.ShouldBe("AArch64");
        asArm64.Report.Format.GoArch.ShouldBe("arm64");
        asArm64.Report.Libc.Flavour.ShouldBe(LibcFlavour.None);
        asArm64.Report.Go.BuildInfo!.Setting("GOARCH").ShouldBe("arm64");

        var asAmd64 = verifier.Verify(binaries.Arm64, new VerificationPolicy { ExpectedGoArch = "amd64" });
        asAmd64.Passed.ShouldBeFalse();
        var error = asAmd64.Findings.ShouldHaveSingleItem();
        error.Code.ShouldBe("wrong-arch");
        error.Message.ShouldContain("AArch64");
        error.Message.ShouldContain("GOARCH=amd64");
    }

    [Fact]
    public void A_pure_go_build_has_no_libc_and_reports_its_tags_and_ldflags()
    {
        var report = verifier.Inspect(binaries.PureGo);

        report.Linking.Linkage.ShouldBe(Linkage.Static);
        report.Libc.Flavour.ShouldBe(LibcFlavour.None);
        report.Libc.Evidence.ShouldContain("Go build setting CGO_ENABLED=0");
        report.Go.BuildInfo!.Setting("-tags").ShouldBe("netgo,osusergo");
        report.Go.BuildInfo.Setting("-ldflags").ShouldBe("-X main.unused=1");
        report.Go.BuildInfo.Setting("CGO_ENABLED").ShouldBe("0");
    }

    [Fact]
    public void A_musl_static_pie_request_is_judged_on_what_the_linker_really_produced()
    {
        var result = verifier.Verify(binaries.MuslStaticPie, new VerificationPolicy());
        var linking = result.Report.Linking;

        result.Report.Format.Type.ShouldBe("DYN");
        if (linking.Interpreter is null && linking.Needed.Count == 0)
        {
            // A toolchain that honours -static-pie: ET_DYN with PT_DYNAMIC and nothing to load is static.
            linking.Linkage.ShouldBe(Linkage.StaticPie);
            result.Passed.ShouldBeTrue();
            return;
        }

        // Debian's musl-gcc: the "static-pie" comes out with the musl loader and a NEEDED entry.
        linking.Linkage.ShouldBe(Linkage.Dynamic);
        linking.Interpreter.ShouldBe(HostMachine.MuslLoader);
        linking.Needed.ShouldContain("libc.so");
        result.Report.Libc.Flavour.ShouldBe(LibcFlavour.Musl);
        result.Passed.ShouldBeFalse();
        result.Findings.Single(f => f.Code == "dynamic").Message.ShouldContain("-buildmode=pie");
    }

    [Fact]
    public void A_glibc_static_pie_c_program_is_recognised_as_static_pie()
    {
        var report = verifier.Inspect(binaries.CGlibcStaticPie);

        report.Format.Type.ShouldBe("DYN");
        report.Linking.HasDynamicSegment.ShouldBeTrue();
        report.Linking.Linkage.ShouldBe(Linkage.StaticPie);
        report.Libc.Flavour.ShouldBe(LibcFlavour.Glibc);
        report.Go.IsGoBinary.ShouldBeFalse();
    }

    [Fact]
    public void C_programs_are_verified_too_and_say_they_are_not_go()
    {
        var dynamic = verifier.Verify(binaries.CDynamic, new VerificationPolicy { ExpectGoBinary = true });
        dynamic.Passed.ShouldBeFalse();
        dynamic.Report.Linking.Needed.ShouldBe(["libc.so.6"]);
        dynamic.Report.Go.IsGoBinary.ShouldBeFalse();
        dynamic.Report.Go.Problem.ShouldBe("not a Go binary (no Go build info)");
        dynamic.Findings.Select(f => f.Code).ShouldBe(["dynamic", "not-go"], ignoreOrder: true);

        var musl = verifier.Verify(binaries.CMuslStatic, new VerificationPolicy());
        musl.Passed.ShouldBeTrue();
        musl.Report.Libc.Flavour.ShouldBe(LibcFlavour.Musl);

        var glibc = verifier.Verify(binaries.CGlibcStatic, new VerificationPolicy());
        glibc.Passed.ShouldBeTrue();
        glibc.Report.Libc.Flavour.ShouldBe(LibcFlavour.Glibc);
        glibc.Report.Libc.NssHazard.ShouldBeFalse();
    }
}
