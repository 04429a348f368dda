// What a user writes instead of the MiniContainer recipe: a Cake script that runs BuildKit on a multi-stage
// Dockerfile (bench/run.sh puts the one its BuildKit method builds beside this file), and pushes the image.
//   ./build.sh [Image] --image=name:tag        ./build.sh Push --registry=127.0.0.1:5000 --image=name:tag
var target = Argument("target", "Image");
var registry = Argument("registry", "");
var image = registry == "" ? Argument<string>("image") : $"{registry}/{Argument<string>("image")}";
var dockerCli = Argument("docker", "/usr/bin/docker");   // a docker CLI with BuildKit (DOCKER_BUILDKIT=1)

void Docker(string arguments)
{
    var settings = new ProcessSettings { Arguments = arguments, EnvironmentVariables = new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "1" } };
    var exitCode = StartProcess(dockerCli, settings);
    if (exitCode != 0) throw new Exception($"docker {arguments} exited with {exitCode}.");
}

Task("Image").Does(() => Docker($"build --network none -q -t {image} ."));
Task("Push").IsDependentOn("Image").WithCriteria(registry != "").Does(() => Docker($"push -q {image}"));

RunTarget(target);
