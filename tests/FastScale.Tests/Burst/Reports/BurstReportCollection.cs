namespace FastScale.Tests.Burst.Reports;

/// <summary>The report tests share one real burst run (<see cref="BurstReportFixture"/>) instead of one each.</summary>
[CollectionDefinition(Name)]
public sealed class BurstReportCollection : ICollectionFixture<BurstReportFixture>
{
    public const string Name = "burst report";
}
