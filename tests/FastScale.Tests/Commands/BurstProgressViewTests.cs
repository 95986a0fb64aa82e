using FastScale.Burst;
using FastScale.Commands;

namespace FastScale.Tests.Commands;

public sealed class BurstProgressViewTests
{
    [Fact]
    public void Show_Redirected_WritesALineWhenReadyMovesOrTenWallSecondsPass()
    {
        using var output = new StringWriter();
        var view = new BurstProgressView(output, interactive: false);

        view.Show(new BurstProgress("fastscale", 0, 20, 4, 1));
        view.Show(new BurstProgress("fastscale", 0, 20, 8, 2));   // nothing new: no line
        view.Show(new BurstProgress("fastscale", 5, 20, 12, 3));
        view.Show(new BurstProgress("fastscale", 5, 20, 52, 13)); // ten quiet wall seconds: a line
        view.Show(new BurstProgress("naive", 0, 20, 4, 1));       // the next run starts its own story
        view.Finish();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.DoesNotContain('\r', l.TrimEnd('\r')));
        Assert.Equal("  fastscale     5/20 ready  t=  12.0 s emulated    3.0 s wall", lines[1].TrimEnd('\r'));
        Assert.StartsWith("  naive ", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Show_Interactive_RedrawsOneLinePerRunWithABar()
    {
        using var output = new StringWriter();
        var view = new BurstProgressView(output, interactive: true);

        view.Show(new BurstProgress("fastscale", 0, 20, 4, 1));
        view.Show(new BurstProgress("fastscale", 10, 20, 8, 2));
        view.Show(new BurstProgress("naive", 20, 20, 9, 3));
        view.Finish();

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length); // two runs, each ended by a new line, then nothing
        Assert.Equal(2, lines[0].Count(c => c == '\r'));
        Assert.Contains("[###############...............]    10/20 ready", lines[0], StringComparison.Ordinal);
        Assert.Contains("[##############################]    20/20 ready", lines[1], StringComparison.Ordinal);
        Assert.Equal("", lines[2]);
    }
}
