using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MiniContainer.Elf;

namespace MiniContainer.Sbom;

/// <summary>
/// Writes the SPDX 2.3 JSON document of one image. Pure: the same <see cref="SbomImage"/> gives the
/// same bytes (no clock, no random namespace). Packages: the image, each binary, each binary's main
/// module, every module it links (with version, h1 checksum as SHA-256 and a <c>pkg:golang</c> purl),
/// the Go standard library at the toolchain's version, and the base image by digest.
/// </summary>
public static class SpdxDocumentWriter
{
    public const string SpdxVersion = "SPDX-2.3";
    public const string MediaType = "application/spdx+json";
    public const string ImageId = "SPDXRef-Image";
    public const string BaseImageId = "SPDXRef-BaseImage";
    private const string NoAssertion = "NOASSERTION";

    /// <summary>"Tool: MiniContainer-&lt;version&gt;", the document's creator.</summary>
    public static string Creator { get; } = $"Tool: MiniContainer-{typeof(SpdxDocumentWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    public static byte[] Write(SbomImage image)
    {
        var created = Time(image.Created);
        var packages = new List<JsonObject>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var relationships = new List<JsonObject> { Relationship(SpdxIds.Document, "DESCRIBES", ImageId) };

        packages.Add(ImagePackage(image, created));
        ids.Add(ImageId);
        foreach (var binary in image.Binaries.OrderBy(b => b.ImagePath, StringComparer.Ordinal))
        {
            var binaryId = SpdxIds.For("Binary", binary.ImagePath.TrimStart('/'), binary.ImagePath);
            if (!ids.Add(binaryId)) continue;
            packages.Add(BinaryPackage(binaryId, binary, created));
            relationships.Add(Relationship(ImageId, "CONTAINS", binaryId));
            if (binary.BuildInfo is not { } info) continue;

            if (info.Main is { } main)
                relationships.Add(Relationship(binaryId, "GENERATED_FROM", AddModule(packages, ids, main, "SOURCE")));
            foreach (var dependency in info.Dependencies)
                relationships.Add(Relationship(binaryId, "STATIC_LINK", AddModule(packages, ids, dependency, "LIBRARY")));
            relationships.Add(Relationship(binaryId, "STATIC_LINK", AddStandardLibrary(packages, ids, info.GoVersion)));
        }
        if (image.Base is { } baseImage)
        {
            packages.Add(BasePackage(baseImage));
            relationships.Add(Relationship(ImageId, "DESCENDANT_OF", BaseImageId));
        }

        var name = image.Tag is null ? image.Repository : $"{image.Repository}:{image.Tag}";
        name += $" ({image.Platform})";
        var body = new JsonObject
        {
            ["packages"] = new JsonArray([.. packages]),
            ["relationships"] = new JsonArray([.. relationships]),
        };
        var document = new JsonObject
        {
            ["spdxVersion"] = SpdxVersion,
            ["dataLicense"] = "CC0-1.0",
            ["SPDXID"] = SpdxIds.Document,
            ["name"] = name,
            // Derived from the content, so two builds of one commit name the same document.
            ["documentNamespace"] = $"https://minicontainer.dev/spdx/{PackageUrl.Encode(image.Repository, keep: "")}/{ContentHash(name, created, body)}",
            ["creationInfo"] = new JsonObject
            {
                ["created"] = created,
                ["creators"] = new JsonArray(Creator),
                ["comment"] = "Generated from the Go build info embedded in each binary (what `go version -m` prints).",
            },
        };
        if (ProvenanceText(image.Provenance) is { } provenance) document["comment"] = provenance;
        document["packages"] = body["packages"]!.DeepClone();
        document["relationships"] = body["relationships"]!.DeepClone();
        return Serialize(document);
    }

    private static JsonObject ImagePackage(SbomImage image, string created)
    {
        var package = Package(ImageId, image.Repository, image.ManifestDigest?.ToString() ?? image.Tag, "CONTAINER");
        if (image.ManifestDigest is { } digest)
        {
            package["checksums"] = new JsonArray(Checksum(digest.Hex));
            var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["arch"] = image.Platform.Architecture, ["os"] = image.Platform.Os };
            if (image.Platform.Variant is { } variant) qualifiers["variant"] = variant;
            if (image.Repository.Contains('/')) qualifiers["repository_url"] = image.Repository;
            if (image.Tag is { } tag) qualifiers["tag"] = tag;
            package["externalRefs"] = new JsonArray(Purl(PackageUrl.Oci(image.Repository, digest.ToString(), qualifiers)));
        }
        if (ProvenanceText(image.Provenance) is { } provenance) package["sourceInfo"] = provenance;
        var labels = ProvenanceLabels.For(image.Provenance);
        if (labels.Count > 0)
            package["annotations"] = new JsonArray([.. labels.Select(l => Annotation(created, $"label {l.Key}={l.Value}"))]);
        return package;
    }

    private static JsonObject BinaryPackage(string id, SbomBinary binary, string created)
    {
        var package = Package(id, binary.ImagePath, binary.BuildInfo?.Main?.Version, "APPLICATION");
        package["packageFileName"] = binary.ImagePath;
        package["checksums"] = new JsonArray(Checksum(binary.Sha256));
        if (binary.BuildInfo is { } info)
        {
            package["comment"] = $"Go binary built with {info.GoVersion}" + (info.Path is null ? "" : $" from package {info.Path}");
            if (info.Settings.Count > 0)
                package["annotations"] = new JsonArray([.. info.Settings.Select(s => Annotation(created, $"go build setting {s.Key}={s.Value}"))]);
        }
        return package;
    }

    private static string AddModule(List<JsonObject> packages, HashSet<string> ids, GoModuleVersion module, string purpose)
    {
        // The module that was built in is the replacement, when go.mod replaced it.
        var built = module.Replacement ?? module;
        var isDirectory = built.Path.StartsWith('.') || built.Path.StartsWith('/');
        var version = isDirectory ? null : built.Version;
        var purlPath = isDirectory ? module.Path : built.Path;
        var purl = PackageUrl.Golang(purlPath, version);
        var id = SpdxIds.For("Go", $"{purlPath}-{version}", $"{module.Path} {built.Path} {version} {purpose}");
        if (!ids.Add(id)) return id;

        var package = Package(id, module.Path, version ?? module.Version, purpose);
        if (GoModuleChecksum.ToSha256Hex(built.Sum) is { } sha256) package["checksums"] = new JsonArray(Checksum(sha256));
        package["externalRefs"] = new JsonArray(Purl(purl));
        if (module.Replacement is { } replacement)
            package["comment"] = $"go.mod replaces {module.Path} {module.Version} with {replacement.Path}{(replacement.Version.Length > 0 ? " " + replacement.Version : "")}";
        packages.Add(package);
        return id;
    }

    private static string AddStandardLibrary(List<JsonObject> packages, HashSet<string> ids, string goVersion)
    {
        var version = goVersion.StartsWith("go", StringComparison.Ordinal) ? goVersion[2..] : goVersion;
        var id = SpdxIds.For("Go", "stdlib-" + version, "stdlib " + goVersion);
        if (!ids.Add(id)) return id;
        var package = Package(id, "stdlib", goVersion, "LIBRARY");
        package["externalRefs"] = new JsonArray(Purl(PackageUrl.Golang("stdlib", version)));
        package["comment"] = $"The Go toolchain ({goVersion}) and its standard library, linked into the binary.";
        packages.Add(package);
        return id;
    }

    private static JsonObject BasePackage(SbomBaseImage baseImage)
    {
        var package = Package(BaseImageId, baseImage.Reference ?? "base image", baseImage.Digest?.ToString(), "CONTAINER");
        if (baseImage.Digest is { } digest)
        {
            package["checksums"] = new JsonArray(Checksum(digest.Hex));
            if (baseImage.Reference is { } reference)
            {
                var repository = RepositoryOf(reference);
                package["externalRefs"] = new JsonArray(Purl(PackageUrl.Oci(repository, digest.ToString(),
                    new SortedDictionary<string, string>(StringComparer.Ordinal) { ["repository_url"] = repository })));
            }
        }
        package["comment"] = "The base image this image's layers are added to.";
        return package;
    }

    private static JsonObject Package(string id, string name, string? version, string purpose)
    {
        var package = new JsonObject { ["SPDXID"] = id, ["name"] = name };
        if (!string.IsNullOrEmpty(version)) package["versionInfo"] = version;
        package["primaryPackagePurpose"] = purpose;
        package["downloadLocation"] = NoAssertion;
        package["filesAnalyzed"] = false;
        package["licenseConcluded"] = NoAssertion;
        package["licenseDeclared"] = NoAssertion;
        package["copyrightText"] = NoAssertion;
        return package;
    }

    private static JsonObject Checksum(string sha256Hex) => new() { ["algorithm"] = "SHA256", ["checksumValue"] = sha256Hex };

    private static JsonObject Purl(string purl) => new() { ["referenceCategory"] = "PACKAGE-MANAGER", ["referenceType"] = "purl", ["referenceLocator"] = purl };

    private static JsonObject Annotation(string created, string comment) => new()
    {
        ["annotationDate"] = created,
        ["annotationType"] = "OTHER",
        ["annotator"] = Creator,
        ["comment"] = comment,
    };

    private static JsonObject Relationship(string from, string type, string to) => new()
    {
        ["spdxElementId"] = from,
        ["relationshipType"] = type,
        ["relatedSpdxElement"] = to,
    };

    private static string? ProvenanceText(BuildProvenance provenance)
    {
        var parts = new List<string>();
        if (provenance.Source is { } source) parts.Add($"source {source}");
        if (provenance.Revision is { } revision) parts.Add($"revision {revision}{(provenance.Modified ? " with uncommitted changes (dirty)" : "")}");
        if (provenance.GoVersion is { } go) parts.Add($"built with {go}");
        if (provenance.BuildFlags.Count > 0) parts.Add($"go build flags: {Indented(provenance.BuildFlags)}");
        if (provenance.BuildSettings.Count > 0) parts.Add($"build settings: {Indented(provenance.BuildSettings)}");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    // registry/repository of "registry/repository:tag" or "...@sha256:...".
    private static string RepositoryOf(string reference)
    {
        var at = reference.IndexOf('@');
        var name = at >= 0 ? reference[..at] : reference;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    private static string ContentHash(string name, string created, JsonObject body)
    {
        var bytes = Serialize(new JsonObject { ["name"] = name, ["created"] = created, ["body"] = body.DeepClone() });
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static byte[] Serialize(JsonNode document) =>
        MiniContainerJsonContext.Write(document, MiniContainerJsonContext.Default.JsonNode, MiniContainerJsonContext.IndentedRelaxed);

    // Indented inside a one-line comment, as the document's first versions wrote it: the namespace hashes this text.
    private static string Indented(IReadOnlyList<string> items) =>
        MiniContainerJsonContext.WriteText(items, MiniContainerJsonContext.Default.IReadOnlyListString, MiniContainerJsonContext.IndentedRelaxed);

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
