namespace Observability.Dashboards;

/// <summary>
/// Grafana unit ids (packages/grafana-data/src/valueFormats/categories.ts). A closed set: a unit outside it is
/// a validation error, because Grafana silently shows raw numbers for an id it does not know.
/// </summary>
public static class Units
{
    public const string None = "none";
    public const string Short = "short";
    public const string Percent = "percent";
    public const string PercentUnit = "percentunit";
    public const string Seconds = "s";
    public const string Milliseconds = "ms";
    public const string Bytes = "bytes";
    public const string BytesPerSecond = "Bps";
    public const string BitsPerSecond = "bps";
    public const string RequestsPerSecond = "reqps";
    public const string OpsPerSecond = "ops";
    public const string OpsPerMinute = "opm";
    public const string CountsPerMinute = "cpm";
    public const string Usd = "currencyUSD";
    public const string Bool = "bool";

    private static readonly string[] All =
    [
        // Misc
        "none", "short", "string", "percent", "percentunit", "humidity", "dB", "candela", "hex0x", "hex", "sci", "locale", "pixel",
        // Time
        "hertz", "ns", "µs", "ms", "s", "m", "h", "d", "dtdurationms", "dtdurations", "dthms", "dtdhms", "timeticks", "clockms", "clocks",
        // Date and time
        "dateTimeAsIso", "dateTimeAsIsoNoDateIfToday", "dateTimeAsUS", "dateTimeAsUSNoDateIfToday", "dateTimeAsLocal",
        "dateTimeAsLocalNoDateIfToday", "dateTimeAsSystem", "dateTimeFromNow",
        // Data (IEC and SI)
        "bytes", "decbytes", "bits", "decbits", "kbytes", "deckbytes", "mbytes", "decmbytes", "gbytes", "decgbytes",
        "tbytes", "dectbytes", "pbytes", "decpbytes",
        // Data rate
        "pps", "binBps", "Bps", "binbps", "bps", "KiBs", "KBs", "Kibits", "Kbits", "MiBs", "MBs", "Mibits", "Mbits",
        "GiBs", "GBs", "Gibits", "Gbits", "TiBs", "TBs", "Tibits", "Tbits", "PiBs", "PBs", "Pibits", "Pbits",
        // Throughput
        "cps", "ops", "reqps", "rps", "wps", "iops", "eps", "mps", "recps", "rowsps", "cpm", "opm", "reqpm", "rpm", "wpm",
        "epm", "mpm", "recpm", "rowspm",
        // Currency
        "currencyUSD", "currencyGBP", "currencyEUR", "currencyJPY", "currencyCHF", "currencyCAD", "currencyAUD",
        // Boolean
        "bool", "bool_yes_no", "bool_on_off",
    ];

    /// <summary>Every unit id the validator accepts.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(All, StringComparer.Ordinal);
}
