using System.Text;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>What every CI example's job must have done, checked by readers other than ours (skopeo, openssl) where they can.</summary>
public static class CiJobChecks
{
    public const string CacheFolder = ".cache/minicontainer";

    /// <summary>The runner's own environment: the local test images in place of the ones a real runner's engine pulls.</summary>
    public static Dictionary<string, string> Runner => new()
    {
        ["MINICONTAINER_BUILDER_IMAGE"] = TestBed.BuilderImage, ["MINICONTAINER_BASE_IMAGE"] = TestBed.AlpineImage,
        ["NO_COLOR"] = "1", ["TERM"] = "dumb", ["CI"] = "true", // as GitHub's and GitLab's runners set it
    };

    /// <summary>The image the job recorded is the one the registry holds under hello:latest, and its release check passed.</summary>
    public static string ShouldHavePushedAndVerified(CiJobRun run, CiCheckout checkout, RegistryFixture registry, TestSigningKeys keys)
    {
        run.Succeeded.ShouldBeTrue(run.Output);
        var digest = File.ReadAllText(Path.Combine(checkout.Artifacts, "image", "hello.digest")).Trim();
        registry.DigestBySkopeo("hello", "latest").ShouldBe(digest, run.Output);
        run.Output.ShouldContain($"VerifyImageSignature: deploy {registry.Address}/hello@{digest}");
        foreach (var secret in new[] { RegistryFixture.Password, TestSigningKeys.Password, SigningKeyBody(keys) })
            run.Output.ShouldNotContain(secret);
        return digest;
    }

    /// <summary>skopeo reads the signature beside the digest, and openssl says the public key made it over a payload naming that digest.</summary>
    public static void ShouldBeSigned(RegistryFixture registry, TestSigningKeys keys, string digest)
    {
        using var skopeo = new SkopeoSignatures(registry, keys.PublicKey);
        var signature = skopeo.SignaturesOf("hello:latest").ShouldHaveSingleItem();
        skopeo.OpensslVerifies(keys.PublicKey, signature).ShouldBeTrue();
        Encoding.UTF8.GetString(signature.Payload).ShouldContain($"\"docker-manifest-digest\":\"{digest}\"");
    }

    /// <summary>
    /// The second job restored the first one's cache and used it: Restore was up to date on the restored folder, and go's build
    /// cache holds the files it was restored with, unwritten but for the link's record (go writes an entry for every package it
    /// compiles, and leaves the time of one it uses alone unless it is an hour old), and nothing new but the module index of the
    /// new checkout's folder.
    /// </summary>
    public static void ShouldHaveBuiltFromTheCache(CiJobRun first, CiJobRun second, CiCheckout secondCheckout, CiCacheStore cache)
    {
        first.RestoredKey.ShouldBeNull("the first job starts with no cache");
        first.Output.ShouldNotContain("Restore: up to date");
        first.CachePaths.ShouldBe([CacheFolder], "the cache step keeps the --cache-dir folder");
        second.RestoredKey.ShouldBe(first.CacheKey, second.Output);
        second.Output.ShouldContain($"Restore: up to date, the cache folder {Path.Combine(secondCheckout.Directory, CacheFolder, "gomodcache")}");
        var saved = cache.FilesOf(first.CacheKey, $"{CacheFolder}/gocache").Where(entry => entry != "trim.txt").ToList();
        saved.Count.ShouldBeGreaterThan(100, "the first job saved go's build cache");
        var gocache = Path.Combine(secondCheckout.Directory, CacheFolder, "gocache");
        var rewritten = saved.Where(entry => !IsLinkRecord(gocache, entry) && File.GetLastWriteTimeUtc(Path.Combine(gocache, entry)) != File.GetLastWriteTimeUtc(cache.SavedPath(first.CacheKey, $"{CacheFolder}/gocache/{entry}"))).ToList();
        rewritten.ShouldBeEmpty($"the second job's build wrote {rewritten.Count} of the {saved.Count} entries of the restored build cache: it compiled what the cache held ({Describe(gocache, rewritten)})");
        var added = Directory.EnumerateFiles(gocache, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(gocache, f))
            .Except(saved).Where(entry => entry != "trim.txt" && !IsModuleIndexOfTheCheckout(gocache, entry)).ToList();
        added.ShouldBeEmpty($"the second job's build added {added.Count} entries to the restored build cache of {saved.Count}: it compiled what the cache should have held");
    }

    // go 1.19 indexes the main module's folder in the build cache under a key of the folder's path: a fresh checkout's folder
    // gets a new key (an -a entry) for an index the cache already holds. That is no compile.
    private static bool IsModuleIndexOfTheCheckout(string gocache, string entry) => OutputOf(gocache, entry) is { } data && data.AsSpan().StartsWith("go index v1\n"u8);

    // go links on every build into a fresh checkout (the binary is not cached) and records the linker's output, empty, under
    // the link's key. A compiled package would rewrite its own entry, whose output is the object file.
    private static bool IsLinkRecord(string gocache, string entry) => OutputOf(gocache, entry) is { Length: 0 };

    // The output an -a entry ("v1 <action> <output> <size> <time>") names; null for an output entry or a missing output.
    private static byte[]? OutputOf(string gocache, string entry)
    {
        if (!entry.EndsWith("-a", StringComparison.Ordinal)) return null;
        var output = File.ReadAllText(Path.Combine(gocache, entry)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        var data = Path.Combine(gocache, output[..2], output + "-d");
        return File.Exists(data) ? File.ReadAllBytes(data) : null;
    }

    // What a failing check names: the entries, and the start of the output each -a names.
    private static string Describe(string gocache, IEnumerable<string> entries) => string.Join("; ", entries.Take(3).Select(entry =>
        $"{entry}: {(OutputOf(gocache, entry) is { } data ? new string(Encoding.Latin1.GetString(data.AsSpan(0, Math.Min(60, data.Length))).Select(c => char.IsControl(c) ? '.' : c).ToArray()) : "an output")}"));

    private static string SigningKeyBody(TestSigningKeys keys) => File.ReadAllLines(keys.Key)[1];
}
