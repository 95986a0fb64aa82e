using System.Collections.Concurrent;

namespace FastScale.Burst;

/// <summary>
/// Counts the ECS calls that go through one HTTP client, per action (the <c>x-acs-action</c> header). The simulated
/// kubelets poll the same emulator as the provider; their calls are counted here so the report can give the provider's
/// own calls (the emulator's count less these). Each request is marked with <see cref="Header"/>, which the burst's
/// emulator exempts from rate limits: real kubelets never call ECS, so theirs must not spend the account's budget.
/// The upstream baseline's ESS goes through a <see cref="Sibling"/> (the cloud's own service, not the account's calls),
/// which counts into the same totals: together they are the calls that are not the provider's.
/// </summary>
internal sealed class ActionCallCounter : DelegatingHandler
{
    public const string Header = "x-fastscale-simulation";

    private readonly string _caller;
    private readonly ConcurrentDictionary<string, long> _calls;
    private readonly ConcurrentDictionary<string, long> _throttled;

    public ActionCallCounter()
        : this(new SocketsHttpHandler(), "kubelet", new(StringComparer.Ordinal), new(StringComparer.Ordinal))
    {
    }

    private ActionCallCounter(HttpMessageHandler inner, string caller, ConcurrentDictionary<string, long> calls, ConcurrentDictionary<string, long> throttled)
        : base(inner) => (_caller, _calls, _throttled) = (caller, calls, throttled);

    /// <summary>A counter of its own over <paramref name="inner"/> (the plan's in-process emulator), marking requests as <paramref name="caller"/>'s.</summary>
    public static ActionCallCounter Over(HttpMessageHandler inner, string caller) => new(inner, caller, new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    /// <summary>Another simulated caller, over its own handler, counted into these totals.</summary>
    public ActionCallCounter Sibling(HttpMessageHandler inner, string caller) => new(inner, caller, _calls, _throttled);

    public long Calls(string action) => _calls.GetValueOrDefault(action);

    /// <summary>Answers with a throttling error code (ECS answers them with HTTP 400 or 403).</summary>
    public long Throttled => _throttled.Values.Sum();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var action = request.Headers.TryGetValues("x-acs-action", out var values) ? values.FirstOrDefault() ?? "" : "";
        _calls.AddOrUpdate(action, 1, static (_, n) => n + 1);
        request.Headers.TryAddWithoutValidation(Header, _caller);
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
