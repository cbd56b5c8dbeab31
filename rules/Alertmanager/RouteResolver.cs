namespace Observability.Rules.Alertmanager;

/// <summary>A route an alert ends at, with its path in the YAML (e.g. <c>route.routes[2]</c>) and its effective receiver.</summary>
internal sealed record MatchedRoute(string Path, Route Route, string Receiver);

/// <summary>Alertmanager's routing walk (dispatch.Route.Match): depth first, stopping at the first matching sibling without continue.</summary>
internal static class RouteResolver
{
    public static IReadOnlyList<MatchedRoute> Resolve(Route root, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(labels);
        var result = new List<MatchedRoute>();
        Walk(root, "route", root.Receiver ?? "", labels, result);
        return result;
    }

    private static bool Walk(Route route, string path, string receiver, IReadOnlyDictionary<string, string> labels, List<MatchedRoute> result)
    {
        if (!route.Matches(labels))
            return false;

        var before = result.Count;
        for (var i = 0; i < route.Routes.Count; i++)
        {
            var child = route.Routes[i];
            var matched = Walk(child, $"{path}.routes[{i}]", child.Receiver ?? receiver, labels, result);
            if (matched && !child.Continue)
                break;
        }

        if (result.Count == before)
            result.Add(new MatchedRoute(path, route, receiver));
        return true;
    }
}
