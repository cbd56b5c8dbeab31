using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Observability.Stacks.Review;

/// <summary>
/// Alertmanager's route resolution over a rendered alertmanager.yaml: depth first, a child that matches takes the
/// alert and, without <c>continue: true</c>, stops its later siblings; a route with no matching child delivers to its
/// receiver (inherited from its parent when unset). Matchers are <c>matchers:</c> strings (<c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>).
/// </summary>
public sealed partial class AlertRouter
{
    private readonly YamlMappingNode? route;

    public AlertRouter(YamlNode? config) =>
        route = config is YamlMappingNode root ? RenderSnapshot.Child(root, "route") as YamlMappingNode : null;

    /// <summary>The receivers an alert with these labels reaches, in order; empty without a configuration.</summary>
    public IReadOnlyList<string> Receivers(IReadOnlyDictionary<string, string> labels)
    {
        var result = new List<string>();
        if (route is not null)
            Resolve(route, RenderSnapshot.Text(route, "receiver"), labels, result);
        return result;
    }

    private static bool Resolve(YamlMappingNode node, string inherited, IReadOnlyDictionary<string, string> labels, List<string> result)
    {
        var receiver = RenderSnapshot.Text(node, "receiver") is { Length: > 0 } own ? own : inherited;
        var matched = false;
        if (RenderSnapshot.Child(node, "routes") is YamlSequenceNode children)
        {
            foreach (var child in children.Children.OfType<YamlMappingNode>())
            {
                if (!Matches(child, labels))
                    continue;
                Resolve(child, receiver, labels, result);
                matched = true;
                if (RenderSnapshot.Text(child, "continue") != "true")
                    break;
            }
        }

        if (!matched && !result.Contains(receiver))
            result.Add(receiver);
        return true;
    }

    private static bool Matches(YamlMappingNode node, IReadOnlyDictionary<string, string> labels)
    {
        if (RenderSnapshot.Child(node, "matchers") is not YamlSequenceNode matchers)
            return true;
        foreach (var matcher in matchers.Children.OfType<YamlScalarNode>())
        {
            var m = MatcherPattern().Match(matcher.Value ?? "");
            if (!m.Success)
                return false;
            var value = labels.TryGetValue(m.Groups["name"].Value, out var v) ? v : "";
            var expected = Regex.Unescape(m.Groups["value"].Value);
            var ok = m.Groups["op"].Value switch
            {
                "=" => value == expected,
                "!=" => value != expected,
                "=~" => Regex.IsMatch(value, $"^(?:{expected})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
                _ => !Regex.IsMatch(value, $"^(?:{expected})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            };
            if (!ok)
                return false;
        }

        return true;
    }

    [GeneratedRegex("""^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*"?(?<value>.*?)"?\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex MatcherPattern();
}
