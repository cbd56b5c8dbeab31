using System.Collections.Immutable;

namespace Observability.Dashboards;

/// <summary>A position on Grafana's grid: 24 columns, height in units of 30 px.</summary>
public readonly record struct GridPos(int X, int Y, int W, int H);

/// <summary>A panel with its id and position.</summary>
public sealed record PlacedPanel(Panel Panel, int Id, GridPos Pos);

/// <summary>A row with its id, its header's position and its placed panels.</summary>
public sealed record PlacedRow(Row Row, int Id, GridPos Pos, ImmutableArray<PlacedPanel> Panels);

/// <summary>
/// Places rows and panels on the 24-column grid, deterministically. Rows stack; inside a row panels flow left to
/// right and wrap when the next one does not fit. A panel without a width shares what its row leaves free
/// (evenly, at least 4 columns); a panel without a height gets its type's default (<see cref="Panel.DefaultHeight"/>). Ids: explicit ids are kept,
/// every other row and panel is numbered 1, 2, ... in layout order, skipping the explicit ones.
/// </summary>
public static class Layout
{
    public const int Columns = 24;
    public const int RowHeaderHeight = 1;
    public const int MinDefaultWidth = 4;

    public static ImmutableArray<PlacedRow> Place(Dashboard dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var reserved = new HashSet<int>(
            dashboard.RowList.Select(r => r.ExplicitId).Concat(dashboard.AllPanels().Select(p => p.Panel.ExplicitId)).OfType<int>());
        var nextId = 1;
        int NextId()
        {
            while (reserved.Contains(nextId))
                nextId++;
            return nextId++;
        }

        var rows = ImmutableArray.CreateBuilder<PlacedRow>(dashboard.RowList.Length);
        var y = 0;
        foreach (var row in dashboard.RowList)
        {
            var rowId = row.ExplicitId ?? NextId();
            var rowPos = new GridPos(0, y, Columns, RowHeaderHeight);
            y += RowHeaderHeight;

            var given = row.PanelList.Sum(p => p.GridWidth ?? 0);
            var unsized = row.PanelList.Count(p => p.GridWidth is null);
            var free = given < Columns ? Columns - given : Columns;
            var defaultWidth = unsized == 0 ? Columns : Math.Clamp(free / unsized, MinDefaultWidth, Columns);

            var panels = ImmutableArray.CreateBuilder<PlacedPanel>(row.PanelList.Length);
            int x = 0, lineHeight = 0;
            foreach (var panel in row.PanelList)
            {
                var w = panel.GridWidth ?? defaultWidth;
                var h = panel.GridHeight ?? panel.DefaultHeight;
                if (x > 0 && x + w > Columns)
                {
                    y += lineHeight;
                    x = 0;
                    lineHeight = 0;
                }

                panels.Add(new PlacedPanel(panel, panel.ExplicitId ?? NextId(), new GridPos(x, y, w, h)));
                x += w;
                lineHeight = Math.Max(lineHeight, h);
            }

            // A collapsed row keeps its panels inside it: the next row follows its header directly.
            y = row.IsCollapsed ? rowPos.Y + RowHeaderHeight : y + lineHeight;
            rows.Add(new PlacedRow(row, rowId, rowPos, panels.MoveToImmutable()));
        }

        return rows.MoveToImmutable();
    }
}
