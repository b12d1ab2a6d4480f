using System;
using System.Collections.Generic;

namespace HerokuAnalyzers.Heroku
{
    internal enum DynoGeneration
    {
        /// <summary>Common Runtime (Cedar): eco, basic, standard-*, performance-*.</summary>
        CommonRuntime,

        /// <summary>Private Spaces.</summary>
        Private,

        /// <summary>Shield Private Spaces.</summary>
        Shield,

        /// <summary>Fir generation (dyno-&lt;cores&gt;c-&lt;memory&gt;gb).</summary>
        Fir,

        /// <summary>Names that no longer exist but are still found in manifests and tooling.</summary>
        Retired,
    }

    /// <summary>One dyno size Heroku accepts (or once accepted) in a formation.</summary>
    internal sealed class DynoSize
    {
        public DynoSize(string name, int? memoryMegabytes, DynoGeneration generation)
        {
            Name = name;
            MemoryMegabytes = memoryMegabytes;
            Generation = generation;
        }

        /// <summary>The canonical lowercase name; Heroku compares sizes without regard to case.</summary>
        public string Name { get; }

        /// <summary>The memory quota in MB (R14 above it), or null where no source gives one.</summary>
        public int? MemoryMegabytes { get; }

        public DynoGeneration Generation { get; }

        public bool IsRetired => Generation == DynoGeneration.Retired;
    }

    /// <summary>
    /// The dyno catalog of docs/heroku-facts.md#dyno-sizes (Dev Center "Dyno Types", 2024-06-04; Fir names from the
    /// heroku CLI's ps/type command). Memory quotas are the documented RAM; 1 GB is 1024 MB.
    /// </summary>
    internal static class DynoSizes
    {
        private static readonly Dictionary<string, DynoSize> ByName = Build();

        public static IEnumerable<DynoSize> All => ByName.Values;

        /// <summary>The size named <paramref name="name"/> (any case), or null when Heroku has no such size.</summary>
        public static DynoSize? Find(string name)
            => ByName.TryGetValue(name.Trim(), out var size) ? size : null;

        private static Dictionary<string, DynoSize> Build()
        {
            var sizes = new Dictionary<string, DynoSize>(StringComparer.OrdinalIgnoreCase);
            void Add(string name, int? megabytes, DynoGeneration generation) => sizes.Add(name, new DynoSize(name, megabytes, generation));

            Add("eco", 512, DynoGeneration.CommonRuntime);
            Add("basic", 512, DynoGeneration.CommonRuntime);
            Add("standard-1x", 512, DynoGeneration.CommonRuntime);
            Add("standard-2x", 1024, DynoGeneration.CommonRuntime);
            Add("performance-m", 2560, DynoGeneration.CommonRuntime);
            Add("performance-l", 14336, DynoGeneration.CommonRuntime);
            Add("performance-l-ram", 30720, DynoGeneration.CommonRuntime);
            Add("performance-xl", 63488, DynoGeneration.CommonRuntime);
            Add("performance-2xl", 129024, DynoGeneration.CommonRuntime);

            foreach (var space in new[] { DynoGeneration.Private, DynoGeneration.Shield })
            {
                var prefix = space == DynoGeneration.Private ? "private-" : "shield-";
                Add(prefix + "s", 1024, space);
                Add(prefix + "m", 2560, space);
                Add(prefix + "l", 14336, space);
                Add(prefix + "l-ram", 30720, space);
                Add(prefix + "xl", 63488, space);
                Add(prefix + "2xl", 129024, space);

                // Listed by the CLI without a documented quota.
                Add(prefix + "memory-l", null, space);
                Add(prefix + "memory-xl", null, space);
                Add(prefix + "memory-2xl", null, space);
            }

            foreach (var fir in new[]
            {
                "dyno-1c-0.5gb", "dyno-2c-1gb", "dyno-1c-4gb", "dyno-2c-8gb", "dyno-4c-16gb", "dyno-8c-32gb", "dyno-16c-64gb",
                "dyno-2c-4gb", "dyno-4c-8gb", "dyno-8c-16gb", "dyno-16c-32gb", "dyno-32c-64gb",
                "dyno-1c-8gb", "dyno-2c-16gb", "dyno-4c-32gb", "dyno-8c-64gb", "dyno-16c-128gb",
            })
            {
                Add(fir, FirMemoryMegabytes(fir), DynoGeneration.Fir);
            }

            // The sources give a quota only for PX among the retired names (docs/heroku-facts.md#dyno-sizes).
            Add("free", null, DynoGeneration.Retired);
            Add("hobby", null, DynoGeneration.Retired);
            Add("1x", null, DynoGeneration.Retired);
            Add("2x", null, DynoGeneration.Retired);
            Add("px", 6144, DynoGeneration.Retired);
            return sizes;
        }

        /// <summary>A Fir name states its memory: dyno-2c-0.5gb is 512 MB.</summary>
        private static int FirMemoryMegabytes(string name)
        {
            var gb = name.Substring(name.LastIndexOf('-') + 1);
            gb = gb.Substring(0, gb.Length - 2);
            return (int)(double.Parse(gb, System.Globalization.CultureInfo.InvariantCulture) * 1024);
        }
    }
}
