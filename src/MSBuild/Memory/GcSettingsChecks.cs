using System;
using System.Collections.Generic;
using System.Globalization;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Json;
using HerokuAnalyzers.Tasks.AppJson;
using HerokuAnalyzers.Tasks.Reporting;

namespace HerokuAnalyzers.Tasks.Memory
{
    /// <summary>The GC-related facts of a project, as the build evaluated them.</summary>
    internal sealed class GcFacts
    {
        public GcFacts(string projectFile, string? targetFramework, bool isWebProject, string? serverGarbageCollection, bool gcSetByProject, string? dynoSizeProperty)
        {
            ProjectFile = projectFile;
            TargetFramework = targetFramework ?? "";
            IsWebProject = isWebProject;
            ServerGarbageCollection = string.Equals(serverGarbageCollection, "true", StringComparison.OrdinalIgnoreCase);
            GcSetByProject = gcSetByProject;
            DynoSizeProperty = string.IsNullOrWhiteSpace(dynoSizeProperty) ? null : dynoSizeProperty!.Trim();
        }

        public string ProjectFile { get; }

        public string TargetFramework { get; }

        public bool IsWebProject { get; }

        /// <summary>Server GC on (the Web SDK's default, docs/heroku-facts.md#garbage-collector).</summary>
        public bool ServerGarbageCollection { get; }

        /// <summary>The project chose its GC settings (DATAS, workstation, concurrency, runtime options): not second-guessed.</summary>
        public bool GcSetByProject { get; }

        /// <summary>The HerokuDynoSize MSBuild property, used when app.json gives no web size.</summary>
        public string? DynoSizeProperty { get; }
    }

    /// <summary>
    /// HK2005: a net8.0 web app with Server GC and no DATAS on a dyno of 1 GB or less
    /// (docs/heroku-facts.md#dyno-sizes, #garbage-collector). Server GC creates a heap per CPU the host
    /// shows and sizes its budgets per heap; on a shared
    /// 512 MB dyno that pushes the process past its memory quota.
    /// </summary>
    internal static class GcSettingsChecks
    {
        public static IEnumerable<Finding> Check(GcFacts facts, AppJsonModel? appJson)
        {
            if (!facts.IsWebProject || !facts.ServerGarbageCollection || facts.GcSetByProject
                || !string.Equals(facts.TargetFramework, HerokuFacts.TargetFrameworkWithoutDatasDefault, StringComparison.OrdinalIgnoreCase))
            {
                yield break;
            }

            var (sizeName, source, file, line, column) = DynoSizeOf(facts, appJson);
            var size = DynoSizes.Find(sizeName);
            if (size?.MemoryMegabytes == null || size.MemoryMegabytes > HerokuFacts.SmallDynoGcThresholdMegabytes)
            {
                yield break;
            }

            yield return new Finding(
                TaskRules.HK2005_ServerGcOnSmallDyno,
                file,
                line,
                column,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "This net8.0 web app runs Server GC without DATAS on a {0} dyno ({1} MB, {2}): Server GC creates one heap per CPU the host shows, not per CPU the dyno gets, and the process grows past the quota, which Heroku logs as R14 and restarts at R15. Add <GarbageCollectionAdaptationMode>1</GarbageCollectionAdaptationMode> (DATAS, the .NET 9 default) or <ServerGarbageCollection>false</ServerGarbageCollection> to the project.",
                    size.Name,
                    size.MemoryMegabytes,
                    source));
        }

        private static (string Size, string Source, string File, int Line, int Column) DynoSizeOf(GcFacts facts, AppJsonModel? appJson)
        {
            var web = appJson?.Root?["formation"]?[HerokuFacts.WebProcessType];
            var size = web?["size"];
            if (size?.Kind == JsonKind.String && !string.IsNullOrWhiteSpace(size.Text))
            {
                return (size.Text!, "app.json formation.web.size", appJson!.Path, size.Position.Line, size.Position.Column);
            }

            if (facts.DynoSizeProperty != null)
            {
                return (facts.DynoSizeProperty, "the HerokuDynoSize property", facts.ProjectFile, 1, 1);
            }

            return (HerokuFacts.DefaultDynoSize, "the default when app.json names no web size", facts.ProjectFile, 1, 1);
        }
    }
}
