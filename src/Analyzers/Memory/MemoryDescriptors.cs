using HerokuAnalyzers.Heroku;
using Microsoft.CodeAnalysis;

namespace HerokuAnalyzers.Infrastructure
{
    internal static partial class Descriptors
    {
        // Declared before the descriptors: static initializers of one file run in textual order.
        private static readonly string SmallDynoQuota = HerokuFacts.SmallDynoMemoryMegabytes + " MB on eco, basic and standard-1x";

        public static readonly DiagnosticDescriptor HK2001_GrowingCollection = new DiagnosticDescriptor(
            id: "HK2001",
            title: "Do not let a process-lifetime collection grow without bound",
            messageFormat: "{0} lives as long as the process and only grows ({1} adds to it, nothing removes): memory climbs past the dyno quota (" + SmallDynoQuota + "), Heroku logs R14 and restarts the dyno at R15. Evict entries, bound the size, or use a MemoryCache with SizeLimit.",
            category: Categories.Memory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A static collection, or a collection held by a singleton service, that code adds to on every request and nothing ever shrinks holds memory until the process ends. On a dyno that means R14 (memory quota exceeded, swapping) and at twice the quota an R15 restart.",
            helpLinkUri: HelpLinks.For("HK2001"));

        public static readonly DiagnosticDescriptor HK2002_MemoryCacheWithoutSizeLimit = new DiagnosticDescriptor(
            id: "HK2002",
            title: "Give MemoryCache a SizeLimit",
            messageFormat: "{0} creates a MemoryCache without SizeLimit: it keeps every entry until the entry expires, so it can grow past the dyno quota (" + SmallDynoQuota + "), Heroku logs R14 and restarts the dyno at R15. Set SizeLimit and give every entry a Size.",
            category: Categories.Memory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "MemoryCache only evicts for size when MemoryCacheOptions.SizeLimit is set; without it the cache is bounded by nothing but expirations.",
            helpLinkUri: HelpLinks.For("HK2002"));

        public static readonly DiagnosticDescriptor HK2003_EntryWithoutSize = new DiagnosticDescriptor(
            id: "HK2003",
            title: "Set Size on every entry of a size-limited MemoryCache",
            messageFormat: "{0} adds an entry without Size to a MemoryCache whose SizeLimit is set ({1}): .NET throws InvalidOperationException on this call. Set the entry's Size; the SizeLimit is what keeps this cache under the dyno quota (R14).",
            category: Categories.Memory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Once MemoryCacheOptions.SizeLimit is set, MemoryCache rejects every entry that has no Size with an InvalidOperationException.",
            helpLinkUri: HelpLinks.For("HK2003"));

        public static readonly DiagnosticDescriptor HK2004_EntryWithoutExpiration = new DiagnosticDescriptor(
            id: "HK2004",
            title: "Give entries of an unbounded MemoryCache an expiration",
            messageFormat: "{0} adds an entry with no expiration and no Size to a MemoryCache without SizeLimit: it stays in memory until the process ends, pushing the dyno toward R14 (memory quota exceeded). Set AbsoluteExpirationRelativeToNow or SlidingExpiration.",
            category: Categories.Memory,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "An entry that never expires, in a cache that never evicts for size, is only freed when the key is removed or the dyno restarts.",
            helpLinkUri: HelpLinks.For("HK2004"));
    }
}
