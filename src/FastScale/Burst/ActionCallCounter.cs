using System.Collections.Concurrent;

namespace FastScale.Burst;

/// <summary>
/// Counts the ECS calls that go through one HTTP client, per action (the <c>x-acs-action</c> header). The simulated
/// kubelets poll the same emulator as the provider; their calls are counted here so the report can give the provider's
/// own calls (the emulator's count less these). Each request is marked with <see cref="Header"/>, which the burst's
/// emulator exempts from rate limits: real kubelets never call ECS, so theirs must not spend the account's budget.
/// </summary>
internal sealed class ActionCallCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    public const string Header = "x-fastscale-simulation";

    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _throttled = new(StringComparer.Ordinal);

    public long Calls(string action) => _calls.GetValueOrDefault(action);

    /// <summary>Answers with a throttling error code (ECS answers them with HTTP 400 or 403).</summary>
    public long Throttled => _throttled.Values.Sum();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var action = request.Headers.TryGetValues("x-acs-action", out var values) ? values.FirstOrDefault() ?? "" : "";
        _calls.AddOrUpdate(action, 1, static (_, n) => n + 1);
        request.Headers.TryAddWithoutValidation(Header, "kubelet");
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Contains("Throttling", StringComparison.Ordinal))
            {
                _throttled.AddOrUpdate(action, 1, static (_, n) => n + 1);
            }
        }

        return response;
    }
}
