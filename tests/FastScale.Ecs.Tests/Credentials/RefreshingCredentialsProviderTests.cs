using FastScale.Ecs.Credentials;
using FastScale.Ecs.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FastScale.Ecs.Tests.Credentials;

public sealed class RefreshingCredentialsProviderTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ListLogger<RefreshingCredentialsProvider> _log = new();

    [Fact]
    public async Task GetCredentials_WithinLifetime_FetchesOnceAndServesTheCache()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromHours(1));
        using var provider = Provider(source);

        var first = await provider.GetCredentialsAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(50));
        var later = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Equal(1, source.Fetches);
        Assert.Same(first, later);
    }

    [Fact]
    public async Task GetCredentials_InsideRefreshAheadWindow_RefreshesBeforeExpiration()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromHours(1));
        using var provider = Provider(source);
        var first = await provider.GetCredentialsAsync(CancellationToken.None);

        // Default margin 3 min: at 57 min + 1 s the set is still valid but due.
        _time.Advance(TimeSpan.FromMinutes(57) + TimeSpan.FromSeconds(1));
        var second = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.Equal(2, source.Fetches);
        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        Assert.Equal(2, provider.Refreshes);
    }

    [Fact]
    public async Task GetCredentials_LifetimeShorterThanTwiceTheMargin_RefreshesAtHalfLife()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromSeconds(10));
        using var provider = Provider(source);
        await provider.GetCredentialsAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(4));
        await provider.GetCredentialsAsync(CancellationToken.None);
        Assert.Equal(1, source.Fetches);

        _time.Advance(TimeSpan.FromSeconds(1));
        await provider.GetCredentialsAsync(CancellationToken.None);
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task GetCredentials_ManyConcurrentCallersWhileDue_ShareOneRefresh()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromHours(1)) { Gate = new TaskCompletionSource() };
        using var provider = Provider(source);

        // 100 callers certainly arrive while the one refresh is held open; 100 more race it from the thread pool.
        var callers = Enumerable.Range(0, 100).Select(_ => provider.GetCredentialsAsync(CancellationToken.None).AsTask()).ToList();
        callers.AddRange(Enumerable.Range(0, 100).Select(_ => Task.Run(async () => await provider.GetCredentialsAsync(CancellationToken.None))));
        Assert.All(callers.Take(100), c => Assert.False(c.IsCompleted));
        source.Gate.SetResult();
        var all = await Task.WhenAll(callers);

        Assert.Equal(1, source.Fetches);
        Assert.Single(all.Select(c => c.AccessKeyId).Distinct());
        Assert.Single(_log.Entries, e => e.Id.Id == 3051);
    }

    [Fact]
    public async Task GetCredentials_RefreshFails_ServesCachedUntilExpiryAndRetriesNoSoonerThanTheInterval()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromHours(1));
        using var provider = Provider(source);
        var first = await provider.GetCredentialsAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(58));
        source.FailNext = 100;

        var whileFailing = await provider.GetCredentialsAsync(CancellationToken.None);
        for (var i = 0; i < 50; i++)
        {
            await provider.GetCredentialsAsync(CancellationToken.None);
        }

        Assert.Same(first, whileFailing);
        Assert.Equal(2, source.Fetches);
        Assert.Single(_log.Entries, e => e.Id.Id == 3052);

        _time.Advance(TimeSpan.FromSeconds(5));
        source.FailNext = 0;
        var renewed = await provider.GetCredentialsAsync(CancellationToken.None);
        Assert.Equal(3, source.Fetches);
        Assert.NotSame(first, renewed);
    }

    [Fact]
    public async Task GetCredentials_RefreshFailsAndNothingValid_ThrowsWithTheReason()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromHours(1)) { FailNext = 1 };
        using var provider = Provider(source);

        var ex = await Assert.ThrowsAsync<CredentialsUnavailableException>(() => provider.GetCredentialsAsync(CancellationToken.None).AsTask());
        var paced = await Assert.ThrowsAsync<CredentialsUnavailableException>(() => provider.GetCredentialsAsync(CancellationToken.None).AsTask());

        Assert.Contains("scripted refusal", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Message, paced.Message);
        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public async Task Refresh_LogsOncePerRefresh_AndNeverTheSecretOrToken()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromMinutes(20));
        using var provider = Provider(source);
        var seen = new List<EcsCredentials>();
        for (var minute = 0; minute < 60; minute++)
        {
            seen.Add(await provider.GetCredentialsAsync(CancellationToken.None));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var refreshLines = _log.Entries.Where(e => e.Id.Id == 3051).ToList();
        Assert.Equal(source.Fetches, refreshLines.Count);
        Assert.InRange(refreshLines.Count, 3, 4);
        foreach (var credentials in seen.Distinct())
        {
            Assert.DoesNotContain(_log.Entries, e => e.Text.Contains(credentials.AccessKeySecret, StringComparison.Ordinal));
            Assert.DoesNotContain(_log.Entries, e => e.Text.Contains(credentials.SecurityToken!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ReportExpired_OfTheCurrentSet_MakesTheNextCallRenew_ButNotForAnOlderSet()
    {
        var source = new ScriptedSource(_time, TimeSpan.FromHours(1));
        using var provider = Provider(source);
        var first = await provider.GetCredentialsAsync(CancellationToken.None);

        provider.ReportExpired(first);
        var second = await provider.GetCredentialsAsync(CancellationToken.None);
        provider.ReportExpired(first);
        var third = await provider.GetCredentialsAsync(CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Equal(2, source.Fetches);
    }

    private RefreshingCredentialsProvider Provider(ScriptedSource source) =>
        new(source, new CredentialRefreshOptions(), _time, _log);

    /// <summary>Issues numbered credentials for a fixed lifetime; can be held open or made to fail.</summary>
    private sealed class ScriptedSource(TimeProvider time, TimeSpan lifetime) : ITemporaryCredentialsSource
    {
        private int _fetches;

        public TaskCompletionSource? Gate { get; init; }

        public int FailNext { get; set; }

        public int Fetches => Volatile.Read(ref _fetches);

        public string Name => "scripted";

        public async Task<TemporaryCredentials> FetchAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _fetches);
            if (Gate is not null)
            {
                await Gate.Task.WaitAsync(cancellationToken);
            }

            if (FailNext > 0)
            {
                FailNext--;
                throw new CredentialsUnavailableException("scripted: scripted refusal");
            }

            return new TemporaryCredentials(
                new EcsCredentials($"STS.key{n}", $"secret-number-{n}-xyz", $"token-number-{n}-abc"), time.GetUtcNow() + lifetime);
        }
    }
}
