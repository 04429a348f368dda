// hello's build: the MiniContainer recipe, composed into this repository's own targets.
//   ./build.sh                 builds, verifies, composes and smoke-tests the image (Publish)
//   ./build.sh --registry=host:port --registry-username=... --registry-password=...   also pushes
#load nuget:?package=Cake.MiniContainer&version=0.1.0

var target = Argument("target", "Publish");

// What this repository sets; --name=value arguments and MINICONTAINER_<NAME> variables win.
MiniContainer.Settings.Variables["main.version"] = "1.0.0";
MiniContainer.Settings.ExposedPorts.Add(8080);
// The server must keep running and answer HTTP; a port of its own so nothing else answers for it.
MiniContainer.Settings.SmokeTest = new SmokeTestSettings { Arguments = new[] { "-addr=127.0.0.1:18080" }, Port = 18080 };

// Our own check, inserted between two recipe steps: a binary over budget stops the build before an image is made.
var sizeBudget = Task("SizeBudget")
    .Description("Fails when a binary is larger than 20 MiB.")
    .IsDependentOn(MiniContainer.Tasks.VerifyBinary)
    .Does(() =>
{
    var bin = MiniContainerRecipe.For(Context, MiniContainer.Settings).Settings.Layout.BinDirectory;
    foreach (var binary in GetFiles(bin + "/*").Where(f => f.GetExtension() != ".json"))
    {
        var size = FileSize(binary);
        Information("{0}: {1:N0} bytes (budget 20 MiB)", binary.GetFilename(), size);
        if (size > 20 * 1024 * 1024) throw new Exception($"{binary.GetFilename()} is over the 20 MiB budget.");
    }
});
MiniContainer.Tasks.CaCertificates.IsDependentOn(sizeBudget);

Task("Publish")
    .Description("hello's release: the recipe's whole graph, ending in PublishImage.")
    .IsDependentOn(MiniContainer.Tasks.PublishImage);

RunTarget(target);
