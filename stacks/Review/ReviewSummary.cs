using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Observability.Stacks.Review;

/// <summary>
/// The review summary of a change: two renders (base and head) compared by what they mean, as Markdown for a pull
/// request: releases (chart versions, values keys changed/added/removed), alerts and recording rules (added, removed;
/// expression, threshold, for, severity, labels, annotations, route), SLO objectives and periods, dashboards (panels
/// added, removed, changed by title) and Kubernetes objects. Deterministic: every list is in a stable order.
/// </summary>
public static partial class ReviewSummary
{
    /// <summary>How many changed keys a release or object lists before it says how many more there are.</summary>
    public const int MaxListedKeys = 15;

    public static string Markdown(RenderSnapshot baseRender, RenderSnapshot headRender, string title)
    {
        ArgumentNullException.ThrowIfNull(baseRender);
        ArgumentNullException.ThrowIfNull(headRender);
        var md = new StringBuilder();
        md.Append("### ").Append(title).Append("\n\n");

        var sections = new (string Title, List<string> Lines)[]
        {
            ("Releases", Releases(baseRender, headRender)),
            ("Alerts", Rules(baseRender, headRender, alerts: true)),
            ("Recording rules", Rules(baseRender, headRender, alerts: false)),
            ("SLOs", Slos(baseRender, headRender)),
            ("Dashboards", Dashboards(baseRender, headRender)),
            ("Kubernetes objects", Objects(baseRender, headRender)),
        };
        if (sections.All(s => s.Lines.Count == 0))
        {
            md.Append("No change to what this environment deploys.\n");
            return md.ToString();
        }

        foreach (var (name, lines) in sections.Where(s => s.Lines.Count > 0))
        {
            md.Append("#### ").Append(name).Append("\n\n");
            foreach (var line in lines)
                md.Append(line).Append('\n');
            md.Append('\n');
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static List<string> Releases(RenderSnapshot a, RenderSnapshot b)
    {
        var lines = new List<string>();
        var names = a.Releases.Keys.Union(b.Releases.Keys).Union(a.Values.Keys).Union(b.Values.Keys).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            a.Releases.TryGetValue(name, out var before);
            b.Releases.TryGetValue(name, out var after);
            var hadValues = a.Values.TryGetValue(name, out var oldValues);
            var hasValues = b.Values.TryGetValue(name, out var newValues);
            if ((before is null && !hadValues) && (after is not null || hasValues))
            {
                lines.Add($"- **{name}** added" + (after is null ? "" : $": {after.Chart} {after.Version} in namespace `{after.Namespace}`"));
                continue;
            }

            if ((after is null && !hasValues) && (before is not null || hadValues))
            {
                lines.Add($"- **{name}** removed" + (before is null ? "" : $" (was {before.Chart} {before.Version})"));
                continue;
            }

            var head = new List<string>();
            if (before is not null && after is not null)
            {
                if (before.Chart != after.Chart)
                    head.Add($"chart {before.Chart} → {after.Chart}");
                if (before.Version != after.Version)
                    head.Add($"{after.Chart} {before.Version} → {after.Version}");
                if (before.Namespace != after.Namespace)
                    head.Add($"namespace `{before.Namespace}` → `{after.Namespace}`");
            }

            var diff = KeyDiff(oldValues ?? Empty, newValues ?? Empty);
            if (diff.Count > 0)
                head.Add(Counts(oldValues ?? Empty, newValues ?? Empty, "values"));
            if (head.Count == 0)
                continue;
            lines.Add($"- **{name}**: {string.Join("; ", head)}");
            lines.AddRange(diff.Select(d => "  " + d));
        }

        return lines;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static string Counts(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b, string what)
    {
        var changed = a.Keys.Count(k => b.TryGetValue(k, out var v) && v != a[k]);
        var added = b.Keys.Count(k => !a.ContainsKey(k));
        var removed = a.Keys.Count(k => !b.ContainsKey(k));
        return string.Create(CultureInfo.InvariantCulture, $"{what}: {changed} changed, {added} added, {removed} removed");
    }

    /// <summary>One bullet per changed, added or removed key path, at most <see cref="MaxListedKeys"/>.</summary>
    private static List<string> KeyDiff(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var all = new List<string>();
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var had = a.TryGetValue(key, out var before);
            var has = b.TryGetValue(key, out var after);
            if (had && has && before != after)
                all.Add($"- changed `{key}`: {Change(before!, after!)}");
            else if (!had && has)
                all.Add($"- added `{key}`: {Value(after!)}");
            else if (had && !has)
                all.Add($"- removed `{key}` (was {Value(before!)})");
        }

        if (all.Count > MaxListedKeys)
        {
            var more = all.Count - MaxListedKeys;
            all = [.. all.Take(MaxListedKeys), string.Create(CultureInfo.InvariantCulture, $"- … and {more} more")];
        }

        return all;
    }

    /// <summary>A value as inline code, or its size when it is long or spans lines.</summary>
    private static string Value(string value) =>
        value.Contains('\n', StringComparison.Ordinal) || value.Length > 80
            ? string.Create(CultureInfo.InvariantCulture, $"({value.Split('\n').Length} lines, {value.Length} characters)")
            : Code(value);

    /// <summary>
    /// A change of a value: both values when short; otherwise the part that differs, with a little context on each side
    /// (line breaks shown as ⏎), so that a changed threshold inside a long description or config reads at a glance.
    /// </summary>
    private static string Change(string before, string after)
    {
        if (!before.Contains('\n', StringComparison.Ordinal) && !after.Contains('\n', StringComparison.Ordinal) && before.Length <= 80 && after.Length <= 80)
            return $"{Code(before)} → {Code(after)}";
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
            prefix++;
        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
            suffix++;
        const int context = 25;
        string Part(string text)
        {
            var start = Math.Max(0, prefix - context);
            var end = Math.Min(Math.Min(text.Length, text.Length - suffix + context), start + (2 * context) + 50);
            var part = (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
            return Code(part.Replace("\n", "⏎", StringComparison.Ordinal));
        }

        return $"{Part(before)} → {Part(after)}";
    }

    private static string Code(string value) => value.Contains('`', StringComparison.Ordinal) ? $"`` {value} ``" : $"`{value}`";

    private static List<string> Rules(RenderSnapshot a, RenderSnapshot b, bool alerts)
    {
        var lines = new List<string>();
        var before = a.Rules.Where(r => r.IsAlert == alerts).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var after = b.Rules.Where(r => r.IsAlert == alerts).ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(key, out var old);
            after.TryGetValue(key, out var now);
            var rule = (now ?? old)!;
            var name = $"**{rule.Name}** (group `{rule.Group}`)";
            if (old is null)
            {
                lines.Add(alerts
                    ? $"- {name} added: {Severity(now!)}, for {now!.For ?? "0s"}, routed to {Route(b, now)}"
                    : $"- {name} added");
                lines.Add(Block(now!.Expr));
                continue;
            }

            if (now is null)
            {
                lines.Add($"- {name} removed");
                continue;
            }

            var changes = new List<string>();
            var block = false;
            if (old.Expr != now.Expr)
            {
                if (Thresholds(old.Expr, now.Expr, alerts ? "threshold" : "constant") is { } thresholds)
                {
                    changes.Add(thresholds);
                }
                else
                {
                    changes.Add("expression changed");
                    block = true;
                }
            }

            if (old.For != now.For)
                changes.Add($"for {old.For ?? "0s"} → {now.For ?? "0s"}");
            if (Label(old, "severity") != Label(now, "severity"))
                changes.Add($"severity {Label(old, "severity") ?? "none"} → {Label(now, "severity") ?? "none"}");
            foreach (var (label, change) in MapChanges(old.Labels, now.Labels).Where(c => c.Key != "severity"))
                changes.Add($"label `{label}` {change}");
            foreach (var (annotation, change) in MapChanges(old.Annotations, now.Annotations))
                changes.Add($"annotation `{annotation}` {change}");
            if (alerts && Route(a, old) is var oldRoute && Route(b, now) is var newRoute && oldRoute != newRoute)
                changes.Add($"route {oldRoute} → {newRoute}");
            if (changes.Count == 0)
                continue;
            lines.Add($"- {name}: {string.Join("; ", changes)}");
            if (block)
                lines.Add(Diff(old.Expr, now.Expr));
        }

        return lines;
    }

    private static string? Label(RuleSnapshot rule, string name) => rule.Labels.TryGetValue(name, out var v) ? v : null;

    private static string Severity(RuleSnapshot rule) => Label(rule, "severity") is { } s ? $"severity {s}" : "no severity";

    private static string Route(RenderSnapshot render, RuleSnapshot rule)
    {
        var labels = new Dictionary<string, string>(rule.Labels, StringComparer.Ordinal) { ["alertname"] = rule.Name };
        var receivers = render.Router.Receivers(labels);
        return receivers.Count == 0 ? "no receiver" : string.Join(", ", receivers.Select(r => $"`{r}`"));
    }

    private static IEnumerable<KeyValuePair<string, string>> MapChanges(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var had = a.TryGetValue(key, out var before);
            var has = b.TryGetValue(key, out var after);
            if (had && has && before != after)
                yield return new(key, Change(before!, after!));
            else if (!had && has)
                yield return new(key, $"added: {Value(after!)}");
            else if (had && !has)
                yield return new(key, "removed");
        }
    }

    /// <summary>"threshold `0.05` → `0.02`" when two expressions differ only in their numbers; null otherwise.</summary>
    private static string? Thresholds(string before, string after, string noun)
    {
        var a = NumberPattern().Matches(before).Select(m => m.Value).ToList();
        var b = NumberPattern().Matches(after).Select(m => m.Value).ToList();
        if (a.Count != b.Count || NumberPattern().Replace(before, "#") != NumberPattern().Replace(after, "#"))
            return null;
        var changed = a.Zip(b).Where(p => p.First != p.Second).Distinct().Select(p => $"`{p.First}` → `{p.Second}`").ToList();
        return changed.Count == 0 ? null : (changed.Count == 1 ? noun + " " : noun + "s ") + string.Join(", ", changed);
    }

    /// <summary>Numbers outside label matchers and range selectors (a [5m] is a window, not a threshold).</summary>
    [GeneratedRegex(@"(?<![\w.\[""])\d+(\.\d+)?(e[-+]?\d+)?(?![\w\]""])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    private static string Block(string text) => "  ```promql\n" + string.Join("\n", text.Split('\n').Select(l => "  " + l)) + "\n  ```";

    private static string Diff(string before, string after) =>
        "  ```diff\n" + string.Join("\n", before.Split('\n').Select(l => "  - " + l).Concat(after.Split('\n').Select(l => "  + " + l))) + "\n  ```";

    private static List<string> Slos(RenderSnapshot a, RenderSnapshot b)
    {
        var before = SloFacts(a);
        var after = SloFacts(b);
        var lines = new List<string>();
        foreach (var slo in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(slo, out var old);
            var has = after.TryGetValue(slo, out var now);
            if (!had)
                lines.Add($"- **{slo}** added: objective {now.Objective}, period {now.Period}");
            else if (!has)
                lines.Add($"- **{slo}** removed (was objective {old.Objective}, period {old.Period})");
            else
            {
                var changes = new List<string>();
                if (old.Objective != now.Objective)
                    changes.Add($"objective {old.Objective} → {now.Objective}");
                if (old.Period != now.Period)
                    changes.Add($"period {old.Period} → {now.Period}");
                if (changes.Count > 0)
                    lines.Add($"- **{slo}**: {string.Join("; ", changes)}");
            }
        }

        return lines;
    }

    /// <summary>Each SLO's objective (from <c>slo:objective:ratio</c>) and period (from <c>slo:time_period:days</c>).</summary>
    private static Dictionary<string, (string Objective, string Period)> SloFacts(RenderSnapshot render)
    {
        var facts = new Dictionary<string, (string Objective, string Period)>(StringComparer.Ordinal);
        foreach (var rule in render.Rules.Where(r => !r.IsAlert && r.Labels.ContainsKey("slo")))
        {
            var slo = rule.Labels["slo"];
            (string Objective, string Period) fact = facts.TryGetValue(slo, out var known) ? known : ("?", "?");
            if (rule.Name == "slo:objective:ratio" && VectorPattern().Match(rule.Expr) is { Success: true } objective)
                fact.Objective = decimal.TryParse(objective.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio)
                    ? (ratio * 100).ToString("0.#####", CultureInfo.InvariantCulture) + "%"
                    : objective.Groups[1].Value;
            else if (rule.Name == "slo:time_period:days" && VectorPattern().Match(rule.Expr) is { Success: true } period)
                fact.Period = period.Groups[1].Value + "d";
            else
                continue;
            facts[slo] = fact;
        }

        return facts;
    }

    [GeneratedRegex(@"^\s*vector\(\s*([0-9.eE+-]+)\s*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex VectorPattern();

    private static List<string> Dashboards(RenderSnapshot a, RenderSnapshot b)
    {
        var lines = new List<string>();
        foreach (var uid in a.Dashboards.Keys.Union(b.Dashboards.Keys).Order(StringComparer.Ordinal))
        {
            var had = a.Dashboards.TryGetValue(uid, out var old);
            var has = b.Dashboards.TryGetValue(uid, out var now);
            if (!had)
            {
                lines.Add($"- **{uid}** added: \"{(string?)now!["title"]}\", {Panels(now).Count} panels");
                continue;
            }

            if (!has)
            {
                lines.Add($"- **{uid}** removed (was \"{(string?)old!["title"]}\")");
                continue;
            }

            var before = Panels(old!);
            var after = Panels(now!);
            var added = after.Keys.Where(k => !before.ContainsKey(k)).ToList();
            var removed = before.Keys.Where(k => !after.ContainsKey(k)).ToList();
            var changed = before.Keys.Where(k => after.TryGetValue(k, out var p) && !JsonNode.DeepEquals(Comparable(before[k].Panel), Comparable(p.Panel))).ToList();
            var parts = new List<string>();
            if ((string?)old!["title"] != (string?)now!["title"])
                parts.Add($"title \"{(string?)old["title"]}\" → \"{(string?)now["title"]}\"");
            var oldRows = Rows(old);
            var newRows = Rows(now);
            if (oldRows.Count == newRows.Count)
            {
                var renamed = oldRows.Zip(newRows).Where(r => r.First != r.Second).Select(r => $"\"{r.First}\" → \"{r.Second}\"").ToList();
                if (renamed.Count > 0)
                    parts.Add((renamed.Count == 1 ? "row renamed: " : "rows renamed: ") + string.Join(", ", renamed));
            }
            else
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"rows {oldRows.Count} → {newRows.Count}: ") + string.Join(", ", newRows.Select(r => $"\"{r}\"")));
            }

            if (added.Count > 0)
                parts.Add(Titles(added.Count, "added", added.Select(k => after[k].Shown)));
            if (removed.Count > 0)
                parts.Add(Titles(removed.Count, "removed", removed.Select(k => before[k].Shown)));
            if (changed.Count > 0)
                parts.Add(Titles(changed.Count, "changed", changed.Select(k => after[k].Shown)));
            var rest = new[] { "templating", "annotations", "links", "refresh", "time", "tags" }
                .Where(k => !JsonNode.DeepEquals(old[k], now[k])).ToList();
            if (rest.Count > 0)
                parts.Add("dashboard " + string.Join(", ", rest) + " changed");
            if (parts.Count == 0 && !JsonNode.DeepEquals(old, now))
                parts.Add("layout changed");
            if (parts.Count > 0)
                lines.Add($"- **{uid}**: {string.Join("; ", parts)}");
        }

        return lines;
    }

    private static string Titles(int count, string what, IEnumerable<string> titles) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} panel{(count == 1 ? "" : "s")} {what}: ") + string.Join(", ", titles.Select(t => $"\"{t}\""));

    /// <summary>
    /// Panels by title (a counter for a repeated title, e.g. one "About" per SLO), each shown with its row
    /// ("Row / Title"), so that a renamed row is one change, not every panel in it removed and added.
    /// </summary>
    private static Dictionary<string, (string Shown, JsonObject Panel)> Panels(JsonObject dashboard)
    {
        var result = new Dictionary<string, (string Shown, JsonObject Panel)>(StringComparer.Ordinal);
        void Add(JsonObject panel, string row)
        {
            var title = (string?)panel["title"] ?? "(untitled)";
            var key = title;
            for (var n = 2; result.ContainsKey(key); n++)
                key = string.Create(CultureInfo.InvariantCulture, $"{title} #{n}");
            result[key] = (row.Length > 0 ? $"{row} / {title}" : title, panel);
        }

        var current = "";
        foreach (var panel in (dashboard["panels"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)panel["type"] == "row")
            {
                // An open row's panels follow it; a collapsed row holds its own.
                current = (string?)panel["title"] ?? "";
                foreach (var inner in (panel["panels"] as JsonArray ?? []).OfType<JsonObject>())
                    Add(inner, current);
                continue;
            }

            Add(panel, current);
        }

        return result;
    }

    private static List<string> Rows(JsonObject dashboard) =>
        [.. (dashboard["panels"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (string?)p["type"] == "row").Select(p => (string?)p["title"] ?? "")];

    /// <summary>A panel without its position and id, which move when panels around it change.</summary>
    private static JsonObject Comparable(JsonObject panel)
    {
        var copy = panel.DeepClone().AsObject();
        copy.Remove("gridPos");
        copy.Remove("id");
        return copy;
    }

    private static List<string> Objects(RenderSnapshot a, RenderSnapshot b)
    {
        var lines = new List<string>();
        foreach (var id in a.Objects.Keys.Union(b.Objects.Keys).Order(StringComparer.Ordinal))
        {
            var had = a.Objects.TryGetValue(id, out var old);
            var has = b.Objects.TryGetValue(id, out var now);
            if (!had)
                lines.Add($"- `{id}` added");
            else if (!has)
                lines.Add($"- `{id}` removed");
            else if (KeyDiff(old!, now!) is { Count: > 0 } diff)
            {
                // What a PrometheusRule or a dashboard ConfigMap carries is listed above by meaning; the rest by key.
                if (id.StartsWith("PrometheusRule ", StringComparison.Ordinal))
                    lines.Add($"- `{id}` changed (its rules: see Alerts and Recording rules)");
                else if (id.StartsWith("ConfigMap ", StringComparison.Ordinal) && now!.ContainsKey("metadata.labels.grafana_dashboard"))
                    lines.Add($"- `{id}` changed (its dashboard: see Dashboards)");
                else
                {
                    lines.Add($"- `{id}` changed ({Counts(old!, now!, "keys")})");
                    lines.AddRange(diff.Select(d => "  " + d));
                }
            }
        }

        return lines;
    }
}
