// multi-cmd: one module, several binaries (cmd/greet, cmd/clock), one image per binary: multi-cmd-greet, multi-cmd-clock.
#load nuget:?package=Cake.MiniContainer&version=0.1.0

var target = Argument("target", "Publish");

MiniContainer.Settings.Packages.Add("./cmd/...");
MiniContainer.Settings.BaseImage = "scratch"; // static binaries need nothing else (--base-image wins)
MiniContainer.Settings.SmokeTests["greet"] = new SmokeTestSettings { ExpectedOutput = "hello, " };
// Per binary: clock's image shows Paris time by default; scratch has the zoneinfo database (--tzdata, on by default).
MiniContainer.Settings.Binaries["clock"] = new() { Command = { "-zone=Europe/Paris" } };
MiniContainer.Settings.SmokeTests["clock"] = new SmokeTestSettings { ExpectedOutput = "Europe/Paris: " };

// Our own gate before anything is built: every command has a README line.
var commandsDocumented = Task("CommandsDocumented")
    .Description("Fails when a cmd/ folder is not listed in COMMANDS.md.")
    .Does(() =>
{
    var listed = System.IO.File.ReadAllText("COMMANDS.md");
    foreach (var command in GetDirectories("cmd/*"))
        if (!listed.Contains($"`{command.GetDirectoryName()}`")) throw new Exception($"cmd/{command.GetDirectoryName()} is not in COMMANDS.md.");
});
MiniContainer.Tasks.GoCompile.IsDependentOn(commandsDocumented);

Task("Publish")
    .Description("The release: every binary's image through the recipe, ending in PublishImage.")
    .IsDependentOn(MiniContainer.Tasks.PublishImage);

RunTarget(target);
