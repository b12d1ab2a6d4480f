using System.Xml.Linq;
using HerokuAnalyzers.Heroku;
using HerokuAnalyzers.Tasks.Tests.Infrastructure;

namespace HerokuAnalyzers.Tasks.Tests.Slug;

public sealed class SlugDefaultsTests
{
    [Theory]
    [InlineData("HerokuSlugWarningSize", HerokuFacts.SlugSoftLimitMegabytes)]
    [InlineData("HerokuSlugMaxSize", HerokuFacts.SlugHardLimitMegabytes)]
    public void The_props_defaults_are_the_platform_limits(string property, int megabytes)
    {
        var props = XDocument.Load(Path.Combine(Corpus.RepoRoot, "src", "MSBuild", "build", "HerokuAnalyzers.props"));

        var value = props.Descendants().Single(e => e.Name.LocalName == property).Value;

        Assert.Equal(megabytes.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
    }
}
