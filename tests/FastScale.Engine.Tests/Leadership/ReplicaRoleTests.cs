using FastScale.Engine.Leadership;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Engine.Tests.Leadership;

public sealed class ReplicaRoleTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Single_LeadsAndIsActiveForever()
    {
        var role = ReplicaRole.Single();

        var term = await role.WaitUntilActiveAsync(TimeSpan.Zero, _time, CancellationToken.None);

        Assert.True(role.IsLeader);
        Assert.True(role.IsActive);
        Assert.NotNull(term);
        Assert.False(term.Value.IsCancellationRequested);
    }

    [Fact]
    public async Task Elected_FollowsUntilLead_AndIsActiveOnlyAfterActivate()
    {
        var role = ReplicaRole.Elected();
        Assert.False(role.IsLeader);
        Assert.Null(await role.WaitForTermAsync(TimeSpan.Zero, _time, CancellationToken.None));

        role.Lead();
        var term = await role.WaitForTermAsync(TimeSpan.Zero, _time, CancellationToken.None);

        Assert.True(role.IsLeader);
        Assert.False(role.IsActive);
        Assert.NotNull(term);
        role.Activate(term.Value);
        Assert.True(role.IsActive);
    }

    [Fact]
    public async Task Follow_CancelsTheTerm_AndANewTermNeedsANewActivate()
    {
        var role = ReplicaRole.Elected();
        role.Lead();
        var first = (await role.WaitForTermAsync(TimeSpan.Zero, _time, CancellationToken.None))!.Value;
        role.Activate(first);

        role.Follow();

        Assert.True(first.IsCancellationRequested);
        Assert.False(role.IsLeader);
        Assert.False(role.IsActive);
        Assert.Null(await role.WaitUntilActiveAsync(TimeSpan.Zero, _time, CancellationToken.None));

        role.Lead();
        role.Activate(first); // a stale term's activation must not activate the new one
        Assert.False(role.IsActive);
    }

    [Fact]
    public async Task WaitForTerm_CompletesWhenLeadershipArrivesLater()
    {
        var role = ReplicaRole.Elected();
        var waiting = role.WaitForTermAsync(TimeSpan.FromSeconds(10), _time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        role.Lead();

        Assert.NotNull(await waiting);
    }
}
