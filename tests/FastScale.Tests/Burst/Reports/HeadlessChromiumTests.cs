namespace FastScale.Tests.Burst.Reports;

/// <summary>The browser check itself: a page that does go wrong must be reported, or an empty list proves nothing.</summary>
public sealed class HeadlessChromiumTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fastscale-broken-page-");

    [Fact]
    public async Task Problems_PageWithAConsoleErrorAnExceptionAndAMissingImage_ReportsEach()
    {
        var page = Path.Combine(_folder.FullName, "broken.html");
        await File.WriteAllTextAsync(page, """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head><body>
            <img src="missing.png" alt="">
            <script>console.error('boom'); notAFunction();</script>
            </body></html>
            """);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var chromium = await HeadlessChromium.StartAsync(timeout.Token);

        var tab = await chromium.OpenAsync(new Uri(page).AbsoluteUri, timeout.Token);
        var title = await chromium.EvaluateAsync(tab, "document.title", timeout.Token);

        Assert.Equal("broken", (string?)title);
        var problems = chromium.Problems(tab);
        Assert.Contains(problems, p => p.StartsWith("console.error", StringComparison.Ordinal) && p.Contains("boom", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("exception", StringComparison.Ordinal) && p.Contains("notAFunction", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("request failed", StringComparison.Ordinal) || p.Contains("missing.png", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
