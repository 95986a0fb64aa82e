using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FastScale.Engine.Policy.Reading;

/// <summary>
/// Turns policy text into YamlDotNet's representation model. The text is first read as a list of parsing events so that
/// duplicate keys, which the representation model rejects by throwing (hiding every other problem), are dropped and
/// reported alongside the rest instead.
/// </summary>
internal static partial class YamlSource
{
    public static YamlStream? Parse(string text, PolicyReadContext context)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var events = new List<ParsingEvent>();
        try
        {
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
            }
        }
        catch (YamlException e)
        {
            context.Report(e.Start, PolicyReadContext.SyntaxField, $"invalid YAML: {Clean(e.Message)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            context.Report(scanner.CurrentPosition, PolicyReadContext.SyntaxField, "invalid YAML: unexpected end of a flow collection ([...] or {...}); is a bracket missing?");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new EventListParser(DropDuplicateKeys(events, context)));
        }
        catch (YamlException e)
        {
            // Left for the representation model: aliases to unknown anchors, duplicate complex keys.
            context.Report(e.Start, PolicyReadContext.SyntaxField, $"invalid YAML: {Clean(e.Message)}");
            return null;
        }

        return stream;
    }

    private static List<ParsingEvent> DropDuplicateKeys(List<ParsingEvent> events, PolicyReadContext context)
    {
        var kept = new List<ParsingEvent>(events.Count);
        var frames = new Stack<Frame>();
        var i = 0;
        while (i < events.Count)
        {
            var e = events[i];
            if (e is Scalar key && frames.TryPeek(out var top) && top.Keys is not null && top.Children % 2 == 0
                && !top.Keys.TryAdd(key.Value, key.Start))
            {
                context.AddDuplicateKey(top.Start.Index, new DuplicateKey(key.Value, key.Start, top.Keys[key.Value]));
                i = SkipNode(events, i + 1);
                continue;
            }

            kept.Add(e);
            i++;
            switch (e)
            {
                case MappingStart:
                    frames.Push(new Frame(e.Start, new Dictionary<string, Mark>(StringComparer.Ordinal)));
                    break;
                case SequenceStart:
                    frames.Push(new Frame(e.Start, null));
                    break;
                case MappingEnd or SequenceEnd:
                    frames.Pop();
                    CountChild(frames);
                    break;
                case Scalar or AnchorAlias:
                    CountChild(frames);
                    break;
            }
        }

        return kept;
    }

    private static void CountChild(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var top))
        {
            top.Children++;
        }
    }

    /// <summary>The index just past the node that starts at <paramref name="start"/>.</summary>
    private static int SkipNode(List<ParsingEvent> events, int start)
    {
        var depth = 0;
        var i = start;
        do
        {
            if (i >= events.Count)
            {
                return i;
            }

            depth += events[i] switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };
            i++;
        }
        while (depth > 0);
        return i;
    }

    /// <summary>YamlDotNet may prefix its messages with the position, which the problem already carries.</summary>
    private static string Clean(string message) => PositionPrefix().Replace(message, "").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();

    private sealed class Frame(Mark start, Dictionary<string, Mark>? keys)
    {
        public Mark Start { get; } = start;

        /// <summary>Keys seen so far; null for a sequence.</summary>
        public Dictionary<string, Mark>? Keys { get; } = keys;

        /// <summary>Complete child nodes so far: in a mapping, even counts mean the next node is a key.</summary>
        public int Children { get; set; }
    }

    private sealed class EventListParser(List<ParsingEvent> events) : IParser
    {
        private int _next;

        public ParsingEvent? Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= events.Count)
            {
                Current = null;
                return false;
            }

            Current = events[_next++];
            return true;
        }
    }
}
