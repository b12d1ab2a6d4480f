using System.Collections.Generic;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Reporting;
using Microsoft.Build.Framework;

namespace HerokuAnalyzers.Tasks.Rehearsal
{
    /// <summary>
    /// The dyno rehearsal (HerokuRehearse target): runs the published app the way Heroku runs its web
    /// process and reports what Heroku would do — R10 at boot, H12 under load, R14 for memory, R12 at
    /// shutdown — as HK9xxx findings through the common reporting path. Linux and macOS only.
    /// </summary>
    public sealed class RehearseHerokuDyno : HerokuCheckTask
    {
        [Required]
        public string ProjectFile { get; set; } = "";

        [Required]
        public string ProjectDirectory { get; set; } = "";

        public string? AssemblyName { get; set; }

        public bool IsWebProject { get; set; }

        public string? RepositoryRoot { get; set; }

        /// <summary>The Procfile found for the project (HerokuFile item of kind Procfile), or empty.</summary>
        public string? ProcfilePath { get; set; }

        /// <summary>The app.json found for the project, or empty.</summary>
        public string? AppJsonPath { get; set; }

        /// <summary>Folders that may hold the publish output, in order of preference; the newest one with the app wins.</summary>
        public string[] PublishDirectories { get; set; } = new string[0];

        /// <summary>Where the stage, the app's log and rehearsal.json go (obj/heroku/).</summary>
        [Required]
        public string WorkDirectory { get; set; } = "";

        /// <summary>HerokuDynoSize: the web dyno size when app.json names none.</summary>
        public string? DynoSize { get; set; }

        /// <summary>HerokuRehearsalMemoryQuota: the quota in MB to compare with; 0 takes the dyno size's.</summary>
        public int MemoryQuota { get; set; }

        public int BootTimeout { get; set; } = HerokuFacts.BootTimeoutSeconds;

        public int RequestTimeout { get; set; } = HerokuFacts.RouterFirstByteTimeoutSeconds;

        public int ShutdownTimeout { get; set; } = HerokuFacts.ShutdownGraceSeconds;

        /// <summary>HerokuRehearsalPaths: paths requested under load, ';'-separated.</summary>
        public string? Paths { get; set; }

        public int Requests { get; set; } = 200;

        public int Concurrency { get; set; } = 10;

        public bool RunRelease { get; set; }

        public int ReleaseTimeout { get; set; } = HerokuFacts.ReleasePhaseTimeoutSeconds;

        /// <summary>HerokuRehearsalEnvironment: config vars for the rehearsal, <c>NAME=value;NAME2=value2</c>.</summary>
        public string? Environment { get; set; }

        private protected override IEnumerable<Finding> Check()
        {
#if NET
            if (!System.OperatingSystem.IsWindows())
            {
                return new DynoRehearsal(this, Log).Run();
            }
#endif
            Log.LogWarning(null, null, null, ProjectFile, 0, 0, 0, 0,
                "HerokuRehearse is not supported on Windows (nor in the .NET Framework MSBuild of Visual Studio): it starts the app with bash and reads process memory the way Linux and macOS expose it. Nothing was rehearsed; run it on Linux, macOS or WSL with `dotnet msbuild -t:HerokuRehearse`.");
            return new Finding[0];
        }
    }
}
