using System;
using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.HerokuYml;

namespace HerokuAnalyzers.Tasks.Files
{
    /// <summary>
    /// How Heroku builds the app: with the .NET buildpack, or from a Dockerfile (docs/heroku-facts.md#herokuyml). A
    /// Dockerfile alone says nothing — many buildpack apps keep one for local use — so a container
    /// deploy is recognised only from what Heroku itself reads: heroku.yml with build.docker,
    /// <c>"stack": "container"</c> in app.json, or the HerokuDeploy property for images pushed with
    /// <c>heroku container:push</c>. Decided once per build; the checks and the analyzers read the result.
    /// </summary>
    internal sealed class DeployDetection
    {
        public const string Buildpack = "buildpack";
        public const string Container = HerokuFacts.ContainerStack;

        /// <summary>Rules about what the .NET buildpack does; a container deploy never runs it.</summary>
        private static readonly HashSet<string> BuildpackOnlyRuleIds = new HashSet<string>(StringComparer.Ordinal)
        {
            "HK4005", // the SDK is missing on the dyno: the image decides what it contains
            "HK4006", // the same for the release phase
            "HK4007", // the buildpack's publish layout
            "HK5008", // app.json buildpacks: not used on the container stack
            "HK5009",
            "HK7004", // the buildpack's TFM, SDK and RID choices
            "HK7010", // .slugignore: the slug compiler of classic buildpacks applies it; an image is built from the Dockerfile
            "HK7011",
            "HK7012",
            "HK7013",
        };

        private DeployDetection(string kind, string reason, string? dockerfile, string? dockerTarget)
        {
            Kind = kind;
            Reason = reason;
            Dockerfile = dockerfile;
            DockerTarget = dockerTarget;
        }

        /// <summary><see cref="Buildpack"/> or <see cref="Container"/>.</summary>
        public string Kind { get; }

        public bool IsContainer => Kind == Container;

        /// <summary>What decided it, for the build log.</summary>
        public string Reason { get; }

        /// <summary>The Dockerfile the web image is built from, when it exists; null otherwise.</summary>
        public string? Dockerfile { get; }

        /// <summary>heroku.yml's build.docker.web.target, the stage the image ends with; null for the last stage.</summary>
        public string? DockerTarget { get; }

        public static bool IsBuildpackOnly(string ruleId) => BuildpackOnlyRuleIds.Contains(ruleId);

        /// <param name="deployProperty">HerokuDeploy as the project sets it: container, buildpack, or empty to detect.</param>
        /// <param name="dockerfileProperty">HerokuDockerfile: the Dockerfile of a container:push deploy, relative to the project.</param>
        public static DeployDetection Detect(string projectDirectory, IReadOnlyDictionary<HerokuFileKind, string> files, string? repositoryRoot, string? deployProperty, string? dockerfileProperty)
        {
            string? dockerfile = null;
            string? target = null;
            string? kind = null;
            string reason;
            var manifest = files.TryGetValue(HerokuFileKind.HerokuYml, out var herokuYml) ? DockerBuild(herokuYml, out dockerfile, out target) : null;
            var deploy = (deployProperty ?? "").Trim();
            if (deploy.Length > 0)
            {
                kind = string.Equals(deploy, Container, StringComparison.OrdinalIgnoreCase) ? Container : Buildpack;
                reason = "HerokuDeploy=" + deploy;
            }
            else if (manifest != null)
            {
                kind = Container;
                reason = manifest;
            }
            else if (files.TryGetValue(HerokuFileKind.AppJson, out var appJson) && IsContainerStack(appJson))
            {
                kind = Container;
                reason = "app.json stack " + Container;
            }
            else
            {
                kind = Buildpack;
                reason = "no heroku.yml build.docker, app.json stack or HerokuDeploy";
            }

            if (kind != Container)
            {
                dockerfile = null;
                target = null;
            }
            else if (dockerfile == null)
            {
                dockerfile = !string.IsNullOrWhiteSpace(dockerfileProperty)
                    ? Path.GetFullPath(Path.Combine(projectDirectory, dockerfileProperty!.Trim()))
                    : Nearest(projectDirectory, repositoryRoot, "Dockerfile");
                target = null;
            }

            return new DeployDetection(kind, reason, dockerfile != null && File.Exists(dockerfile) ? dockerfile : null, target);
        }

        /// <summary>"heroku.yml build.docker" when the manifest builds images, with the web image's Dockerfile and stage.</summary>
        private static string? DockerBuild(string herokuYml, out string? dockerfile, out string? target)
        {
            dockerfile = null;
            target = null;
            // HerokuYmlModel turns unreadable or malformed YAML into a model without a root: then no image is built.
            var docker = HerokuYmlModel.Load(herokuYml).Root?["build"]?["docker"];
            if (docker == null || docker.Kind != YamlKind.Mapping)
            {
                return null;
            }

            var web = docker["web"];
            var path = web?.Kind == YamlKind.Scalar ? web.Value : web?.Kind == YamlKind.Mapping ? web["dockerfile"]?.Value : null;
            target = web?.Kind == YamlKind.Mapping ? web["target"]?.Value : null;
            var directory = Path.GetDirectoryName(Path.GetFullPath(herokuYml));
            if (!string.IsNullOrWhiteSpace(path) && directory != null && path!.IndexOf('$') < 0 && path.IndexOfAny(Path.GetInvalidPathChars()) < 0)
            {
                dockerfile = Path.GetFullPath(Path.Combine(directory, path));
            }

            return "heroku.yml build.docker";
        }

        private static bool IsContainerStack(string appJson)
        {
            try
            {
                var text = File.ReadAllText(appJson);
                var stack = JsonParser.Parse(text, relaxed: false, out _)?["stack"];
                return stack?.Kind == JsonKind.String && string.Equals(stack.Text, Container, StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static string? Nearest(string projectDirectory, string? repositoryRoot, string name)
        {
            var root = repositoryRoot == null ? null : Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar);
            for (var directory = new DirectoryInfo(Path.GetFullPath(projectDirectory)); directory != null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                if (root == null || string.Equals(directory.FullName.TrimEnd(Path.DirectorySeparatorChar), root, StringComparison.Ordinal))
                {
                    break;
                }
            }

            return null;
        }
    }
}
