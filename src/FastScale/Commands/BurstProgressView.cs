using System.Globalization;
using FastScale.Burst;

namespace FastScale.Commands;

/// <summary>
/// <c>fastscale burst</c>'s progress: on a terminal one line per run redrawn in place (a bar of nodes Ready out of those
/// requested, emulated and wall seconds); when the output is redirected (CI logs) plain lines, one whenever the Ready
/// count moves or <see cref="QuietInterval"/> of wall time passes, so a log keeps the story without a line per second.
/// </summary>
internal sealed class BurstProgressView(TextWriter output, bool interactive)
{
    private const int BarWidth = 30;
    private static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(10);

    private string? _run;
    private int _lastReady = -1;
    private double _lastWall;
    private int _lastLength;

    public void Show(BurstProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var newRun = _run != progress.Policy + progress.Unit;
        if (newRun && _run is not null && interactive)
        {
            output.WriteLine();
            _lastLength = 0;
        }

        if (newRun)
        {
            (_run, _lastReady, _lastWall) = (progress.Policy + progress.Unit, -1, 0);
        }

        if (interactive)
        {
            var line = "\r" + Describe(progress, withBar: true);
            output.Write(line.PadRight(_lastLength));
            _lastLength = line.Length;
            return;
        }

        if (progress.Ready != _lastReady || progress.WallSeconds - _lastWall >= QuietInterval.TotalSeconds)
        {
            output.WriteLine(Describe(progress, withBar: false));
            (_lastReady, _lastWall) = (progress.Ready, progress.WallSeconds);
        }
    }

    /// <summary>Ends the redrawn line so what follows starts on its own.</summary>
    public void Finish()
    {
        if (interactive && _run is not null)
        {
            output.WriteLine();
        }

        _run = null;
    }

    internal static string Describe(BurstProgress p, bool withBar)
    {
        var share = p.Requested == 0 ? 1 : Math.Clamp((double)p.Ready / p.Requested, 0, 1);
        var filled = (int)Math.Round(share * BarWidth);
        var bar = withBar ? $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] " : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"  {p.Policy,-9} {bar}{p.Ready,5}/{p.Requested} {p.Unit}  t={p.EmulatedSeconds,6:0.0} s emulated  {p.WallSeconds,5:0.0} s wall");
    }
}
