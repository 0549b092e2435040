using K2.ChaosTests.Harness;

namespace K2.ChaosTests.Scenarios;

/// <summary>One chaos environment (broker, PostgreSQL, two silo processes) for every scenario, run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<ChaosEnvironment>
{
    public const string Name = "chaos";
}
