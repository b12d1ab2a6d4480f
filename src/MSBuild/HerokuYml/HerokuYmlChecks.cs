using System;
using System.Collections.Generic;
using System.IO;
using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Reporting;
using HerokuAnalyzers.Text;

namespace HerokuAnalyzers.Tasks.HerokuYml
{
    /// <summary>
    /// The HK6xxx checks of heroku.yml against the manifest's documented shape (docs/heroku-facts.md#herokuyml): sections
    /// setup, build, release, run and their keys. Every rule reads the same <see cref="HerokuYmlModel"/>.
    /// </summary>
    internal sealed class HerokuYmlChecks
    {
        private static readonly string[] Sections = { "setup", "build", "release", "run" };
        private static readonly string[] SetupKeys = { "addons", "config" };
        private static readonly string[] AddonKeys = { "plan", "as" };
        private static readonly string[] BuildKeys = { "docker", "config" };
        private static readonly string[] DockerImageKeys = { "dockerfile", "target" };
        private static readonly string[] ReleaseKeys = { "command", "image" };
        private static readonly string[] RunKeys = { "command", "image" };

        /// <summary>The buildpack-based manifest of the retired heroku.yml beta.</summary>
        private static readonly string[] BuildpackKeys = { "languages", "packages", "buildpacks" };

        private readonly string _path;
        private readonly List<Finding> _findings = new List<Finding>();

        private HerokuYmlChecks(string path)
        {
            _path = path;
        }

        public static List<Finding> Check(HerokuYmlModel model, ProjectFacts project)
        {
            var checks = new HerokuYmlChecks(model.Path);
            if (model.File == null)
            {
                checks.Add(TaskRules.HK6001_HerokuYmlSyntax, new TextPosition(0, 0), "heroku.yml cannot be read (" + model.ReadError + "): the container build fails the same way. Make it a readable UTF-8 file.");
            }
            else if (model.File.EncodingProblem != null)
            {
                checks.Add(TaskRules.HK6001_HerokuYmlSyntax, new TextPosition(model.File.EncodingProblemLine, model.File.EncodingProblemColumn), "heroku.yml " + model.File.EncodingProblem + ": the build fails. Save it as UTF-8.");
            }
            else if (model.SyntaxError != null)
            {
                checks.Add(TaskRules.HK6001_HerokuYmlSyntax, model.SyntaxErrorPosition, "heroku.yml is not valid YAML (" + model.SyntaxError.TrimEnd('.') + "): the build fails before anything is built. Fix the YAML (indent with spaces, 'key: value').");
            }
            else if (model.Root != null)
            {
                checks.CheckRoot(model.Root, project);
            }
            else if (model.File.Text.Trim().Length == 0)
            {
                checks.Add(TaskRules.HK6002_HerokuYmlShape, new TextPosition(1, 1), "heroku.yml is empty: on the container stack Heroku has nothing to build and the build fails. Add a build section with build.docker.web: Dockerfile.");
            }

            return checks._findings;
        }

        private void CheckRoot(YamlNode root, ProjectFacts project)
        {
            if (!Expect(root, YamlKind.Mapping, "heroku.yml", "a mapping of the sections setup, build, release and run"))
            {
                return;
            }

            CheckKeys(root, Sections, "heroku.yml");
            if (root["build"] == null)
            {
                Add(TaskRules.HK6002_HerokuYmlShape, root.Position, "heroku.yml has no build section: Heroku has no image to build and the container build fails. Add build: docker: web: Dockerfile.");
            }

            foreach (var pair in root.Pairs)
            {
                switch (pair.Key.Value)
                {
                    case "setup":
                        CheckSetup(pair.Value);
                        break;
                    case "build":
                        CheckBuild(pair.Value, project);
                        break;
                    case "release":
                        if (Expect(pair.Value, YamlKind.Mapping, "release", "a mapping with command and image"))
                        {
                            CheckKeys(pair.Value, ReleaseKeys, "release");
                            CheckCommand(pair.Value["command"], "release.command");
                            ExpectScalar(pair.Value["image"], "release.image");
                        }

                        break;
                    case "run":
                        CheckRun(pair.Value);
                        break;
                }
            }
        }

        private void CheckSetup(YamlNode setup)
        {
            if (!Expect(setup, YamlKind.Mapping, "setup", "a mapping with addons and config"))
            {
                return;
            }

            CheckKeys(setup, SetupKeys, "setup");
            var addons = setup["addons"];
            if (addons != null && Expect(addons, YamlKind.Sequence, "setup.addons", "a list of { plan, as }"))
            {
                foreach (var addon in addons.Items)
                {
                    if (Expect(addon, YamlKind.Mapping, "an add-on", "a mapping with plan and as"))
                    {
                        CheckKeys(addon, AddonKeys, "setup.addons");
                        if (addon["plan"] == null)
                        {
                            Add(TaskRules.HK6002_HerokuYmlShape, addon.Position, "This add-on has no plan: app creation from the manifest fails. Add plan: service[:plan].");
                        }
                    }
                }
            }

            CheckConfig(setup["config"], "setup.config");
        }

        private void CheckBuild(YamlNode build, ProjectFacts project)
        {
            if (!Expect(build, YamlKind.Mapping, "build", "a mapping with docker and config"))
            {
                return;
            }

            foreach (var pair in build.Pairs)
            {
                var key = pair.Key.Value;
                if (key != null && Array.IndexOf(BuildpackKeys, key) >= 0)
                {
                    Add(TaskRules.HK6004_HerokuYmlBuildpacks, pair.Key.Position, "build." + key + " belongs to the retired buildpack-based heroku.yml: Heroku builds heroku.yml apps only from Dockerfiles, so the build fails or ignores it. Use build.docker with a Dockerfile, or drop heroku.yml and use the heroku/dotnet buildpack.");
                }
                else if (key == null || Array.IndexOf(BuildKeys, key) < 0)
                {
                    UnknownKey(pair.Key, BuildKeys, "build");
                }
            }

            CheckConfig(build["config"], "build.config");
            var docker = build["docker"];
            if (docker == null || !Expect(docker, YamlKind.Mapping, "build.docker", "a mapping of process type to Dockerfile"))
            {
                return;
            }

            foreach (var pair in docker.Pairs)
            {
                var image = pair.Value;
                var dockerfile = image;
                if (image.Kind == YamlKind.Mapping)
                {
                    CheckKeys(image, DockerImageKeys, "build.docker." + pair.Key.Value);
                    dockerfile = image["dockerfile"];
                    if (dockerfile == null)
                    {
                        Add(TaskRules.HK6002_HerokuYmlShape, image.Position, "build.docker." + pair.Key.Value + " has no dockerfile: Heroku cannot build this image and the build fails. Add dockerfile: <path>.");
                        continue;
                    }
                }

                if (ExpectScalar(dockerfile, "build.docker." + pair.Key.Value) && project.InspectFileSystem)
                {
                    CheckDockerfileExists(dockerfile!);
                }
            }
        }

        private void CheckDockerfileExists(YamlNode dockerfile)
        {
            var relative = dockerfile.Value ?? "";
            var root = Path.GetDirectoryName(Path.GetFullPath(_path));
            if (root == null || relative.Length == 0 || relative.IndexOf('$') >= 0 || Path.IsPathRooted(relative))
            {
                return;
            }

            if (!RepositoryTree.FileExists(root, relative, StringComparison.Ordinal))
            {
                var differsInCase = RepositoryTree.FileExists(root, relative, StringComparison.OrdinalIgnoreCase);
                Add(TaskRules.HK6003_HerokuYmlDockerfileMissing, dockerfile.Position, "Dockerfile '" + relative + "' "
                    + (differsInCase ? "differs in case from the file on disk (Heroku builds on Linux, where names are case-sensitive)" : "does not exist next to heroku.yml")
                    + ": the build fails. Paths are relative to heroku.yml; fix the path or add the file.");
            }
        }

        private void CheckRun(YamlNode run)
        {
            if (!Expect(run, YamlKind.Mapping, "run", "a mapping of process type to command"))
            {
                return;
            }

            foreach (var pair in run.Pairs)
            {
                var process = pair.Value;
                if (process.Kind == YamlKind.Mapping)
                {
                    CheckKeys(process, RunKeys, "run." + pair.Key.Value);
                    CheckCommand(process["command"], "run." + pair.Key.Value + ".command");
                    ExpectScalar(process["image"], "run." + pair.Key.Value + ".image");
                }
                else
                {
                    ExpectScalar(process, "run." + pair.Key.Value);
                }
            }
        }

        private void CheckCommand(YamlNode? command, string where)
        {
            if (command == null || command.Kind == YamlKind.Scalar || command.Kind == YamlKind.Alias)
            {
                return;
            }

            if (Expect(command, YamlKind.Sequence, where, "a list of command strings"))
            {
                foreach (var item in command.Items)
                {
                    ExpectScalar(item, where + " entry");
                }
            }
        }

        private void CheckConfig(YamlNode? config, string where)
        {
            if (config == null || !Expect(config, YamlKind.Mapping, where, "a mapping of variable names to values"))
            {
                return;
            }

            foreach (var pair in config.Pairs)
            {
                ExpectScalar(pair.Value, where + "." + pair.Key.Value);
            }
        }

        private void CheckKeys(YamlNode mapping, string[] known, string where)
        {
            foreach (var pair in mapping.Pairs)
            {
                if (pair.Key.Kind == YamlKind.Alias || (pair.Key.Value != null && pair.Key.Value.StartsWith("<<", StringComparison.Ordinal)))
                {
                    continue;
                }

                if (pair.Key.Kind != YamlKind.Scalar || Array.IndexOf(known, pair.Key.Value) < 0)
                {
                    UnknownKey(pair.Key, known, where);
                }
            }
        }

        private void UnknownKey(YamlNode key, string[] known, string where)
        {
            Add(TaskRules.HK6002_HerokuYmlShape, key.Position, "Heroku does not read '" + (key.Value ?? key.KindName) + "' in " + where + ": it is ignored or fails the build. Known here: " + string.Join(", ", known) + ".");
        }

        private bool ExpectScalar(YamlNode? node, string where)
        {
            return node == null || Expect(node, YamlKind.Scalar, where, "a single value");
        }

        private bool Expect(YamlNode node, YamlKind kind, string where, string expected)
        {
            if (node.Kind == kind)
            {
                return true;
            }

            if (node.Kind != YamlKind.Alias)
            {
                Add(TaskRules.HK6002_HerokuYmlShape, node.Position, where + " is " + node.KindName + " but Heroku expects " + expected + ": the build fails or ignores it. Change its shape.");
            }

            return false;
        }

        private void Add(TaskRule rule, TextPosition position, string message) => _findings.Add(new Finding(rule, _path, position.Line, position.Column, message));
    }
}
