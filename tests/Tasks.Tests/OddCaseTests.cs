using HerokuAnalyzers.Tasks.Files;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests;

/// <summary>
/// The odd things real Heroku files do, each reproduced by a minimal case of our own under Cases/
/// (no file of the shared corpus is needed): what every check reports on each, as a build of a web
/// project in that folder would. Expected findings are "file(line,col): ID", in file and line order.
/// </summary>
public class OddCaseTests
{
    public static TheoryData<string, string> Expected => new()
    {
        // Procfile
        { "procfile/aligned-background", "" }, // blanks after ':' to align commands; '&' background jobs: both parsers accept it
        { "procfile/bash-c-without-command", "" }, // 'bash -c' with no command string: valid syntax, nothing of ours to say
        { "procfile/comment-banners", "" }, // banners and commented-out process types are comments to both parsers
        { "procfile/custom-process-no-newline", "" }, // custom 'wp:' process, no final newline
        { "procfile/empty", "" }, // 0 bytes: the CNB accepts it (with a warning), Cedar reads no process
        { "procfile/env-default-expansion", "" }, // ${PORT:-8000} and a repeated flag: shell's business, not the Procfile's
        { "procfile/escaped-port", "" }, // '\$PORT' is a shell escape, not a Windows path
        { "procfile/inline-env-assignment", "" }, // 'NAME=value command' is a shell assignment prefix
        { "procfile/jinja-template", "Procfile(1,1): HK4001|Procfile(4,1): HK4001" }, // '{%- if %}' lines are no 'type: command'
        { "procfile/lowercase-name-no-newline", "procfile(1,1): HK4004" }, // Heroku reads only 'Procfile'
        { "procfile/nested-in-subproject", "" }, // api/Procfile of a sub-project: its content is fine
        { "procfile/utf16-procfile-txt", "Procfile.txt(1,1): HK4004" }, // Notepad's UTF-16 'Procfile.txt' still looks like a Procfile
        { "procfile/windows-variant", "Procfile(1,41): HK4008|Procfile(2,9): HK4008|Procfile(2,56): HK4008" }, // %PORT%; 'a\b\app.bat' once, not twice

        // app.json
        { "appjson/container-stack-legacy-addon", "app.json(3,50): HK5007" }, // retired 'free' size; 'mongolab' add-on
        { "appjson/duplicate-key-empty-objects", "app.json(4,7): HK5002" }, // the first 'url' is lost
        { "appjson/large-env-block", "" }, // a 7 KB env block of descriptions
        { "appjson/old-stack-next-to-heroku-yml", "app.json(3,12): HK5010|app.json(4,27): HK5009" }, // heroku-16 + old community buildpack
        { "appjson/only-addons", "" },
        { "appjson/schema-invalid", "app.json(2,11): HK5004|app.json(3,15): HK5003|app.json(4,14): HK5003|app.json(5,17): HK5003" },
        { "appjson/standard-size-and-keywords", "" },

        // heroku.yml
        { "herokuyml/config-sets-port", "" }, // build.config PORT: 80 is a build-time variable
        { "herokuyml/crlf-no-newline", "" }, // CRLF line endings and no final newline read fine
        { "herokuyml/hidden-dockerfile", "" }, // '.heroku.dockerfile' exists
        { "herokuyml/multi-target", "" }, // build targets, a release image, run with image + command list
        { "herokuyml/only-custom-process", "" }, // only a 'deploy' process type
        { "herokuyml/run-without-build", "heroku.yml(1,1): HK6002" }, // no build section
        { "herokuyml/setup-addon-alias", "" }, // setup add-on with 'as:' and a numeric config value
        { "herokuyml/worker-as-object", "" }, // run.worker given as {command, image}
        { "herokuyml/yaml-extension", "heroku.yaml(1,1): HK6005" }, // Heroku reads only heroku.yml

        // .slugignore
        { "slugignore/git-and-build-folder", ".slugignore(1,1): HK7012|.slugignore(2,1): HK7012" }, // .git is never pushed; target/ is created by the build
        { "slugignore/leading-dot-slash", "" }, // './node_modules/', '**/dev/', blank lines, no final newline
        { "slugignore/many-entries", ".slugignore(1,1): HK7010|.slugignore(11,1): HK7010" }, // 'src' and 'tests/' remove the projects the build needs
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_case_reports_exactly_what_it_should(string folder, string expected)
    {
        Assert.Equal(expected, string.Join("|", Run(Path.Combine(Cases.Directory, folder))));
    }

    [Fact]
    public void Every_case_folder_has_an_expectation()
    {
        var listed = Expected.Select(row => (string)row[0]).ToHashSet();
        var folders = new[] { "procfile", "appjson", "herokuyml", "slugignore" }
            .SelectMany(category => Cases.Folders(category).Select(f => category + "/" + Path.GetFileName(f)));
        Assert.All(folders, folder => Assert.Contains(folder, listed));
    }

    private static List<string> Run(string folder)
    {
        var files = new Dictionary<HerokuFileKind, string>();
        var misnamed = new List<KeyValuePair<HerokuFileKind, string>>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            switch (Path.GetFileName(file))
            {
                case "Procfile": files[HerokuFileKind.Procfile] = file; break;
                case "app.json": files[HerokuFileKind.AppJson] = file; break;
                case "heroku.yml": files[HerokuFileKind.HerokuYml] = file; break;
                case ".slugignore": files[HerokuFileKind.SlugIgnore] = file; break;
                case "procfile":
                case "Procfile.txt": misnamed.Add(new(HerokuFileKind.Procfile, file)); break;
                case "heroku.yaml": misnamed.Add(new(HerokuFileKind.HerokuYml, file)); break;
            }
        }

        var project = new ProjectFacts(folder, "App", folder, isWebProject: true, inspectFileSystem: true);
        return HerokuFileChecks.Run(files, misnamed, project)
            .Select(f => $"{Path.GetRelativePath(folder, f.File).Replace('\\', '/')}({f.Line},{f.Column}): {f.Rule.Id}")
            .ToList();
    }
}
