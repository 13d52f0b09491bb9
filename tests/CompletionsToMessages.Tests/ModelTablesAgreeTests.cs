using System;
using System.Linq;
using CompletionsToMessages.Analyzers.Knowledge;
using CompletionsToMessages.Shim;
using Xunit;

namespace CompletionsToMessages.Tests
{
    /// <summary>
    /// The model table lives twice: in the analyzers (<see cref="ModelCatalog"/>, compiled against Roslyn, internal) and in
    /// the shim (<see cref="KnownModels"/>, public, for <c>CompletionsClientOptions.ModelSuccessors</c>). The two packages
    /// ship separately, so each carries its own copy; this test keeps them the same table, so that updating one without the
    /// other fails the build.
    /// </summary>
    public class ModelTablesAgreeTests
    {
        [Fact]
        public void TheShimsSuccessors_AreTheAnalyzersRetiredIdsAndSuccessors()
        {
            var analyzer = ModelCatalog.All
                .Where(m => m.Status == ModelStatus.Retired && m.Successor != null)
                .ToDictionary(m => m.Id, m => m.Successor!, StringComparer.Ordinal);

            Assert.NotEmpty(analyzer);
            Assert.Equal(analyzer.OrderBy(p => p.Key, StringComparer.Ordinal), KnownModels.RecommendedSuccessors.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        [Fact]
        public void BothTablesHaveTheSameAsOfDate()
        {
            Assert.Equal(ModelCatalog.AsOf, KnownModels.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
