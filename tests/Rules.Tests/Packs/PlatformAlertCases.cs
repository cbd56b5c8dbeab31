using Observability.Rules.Conventions;
using static Observability.Rules.Tests.Packs.CaseDsl;

namespace Observability.Rules.Tests.Packs;

/// <summary>
/// Every platform alert, firing and silent, as promtool cases over the default options. The rule file under test is
/// compiled from the same C# at test time, so the cases cannot drift from the rules; a test fails when an alert has
/// no firing or no silent case. Series are sampled every minute; rules are evaluated every minute.
/// </summary>
internal static class PlatformAlertCases
{
    private static readonly (string, string) Api = ("job", "api");

    public static IReadOnlyList<AlertCase> All { get; } =
    [
        // ---- HTTP ----
        Case(AlertNames.HighErrorRate, "10% 5xx fires once the 5m for has elapsed",
            [
                S("http_requests_total", Counter(540), Api, ("instance", "api-0:8080"), ("method", "GET"), ("endpoint", "/orders"), ("status", "200")),
                S("http_requests_total", Counter(60), Api, ("instance", "api-0:8080"), ("method", "GET"), ("endpoint", "/orders"), ("status", "503")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), AlertNames.HighErrorRate, [("job", "api"), ("severity", "critical")],
                "High HTTP error rate on api",
                "10% of requests to api fail with 5xx (threshold 5%, for 5m).")),
        Case(AlertNames.HighErrorRate, "4.8% 5xx stays silent",
            [
                S("http_requests_total", Counter(571), Api, ("status", "200")),
                S("http_requests_total", Counter(29), Api, ("status", "500")),
            ],
            SilentAt(M(30))),

        // rate() over 5m reaches the full 12/s only once the window holds 5 minutes of samples (t=5m): pending then, firing at 10m.
        Case(AlertNames.HighErrorCount, "12 errors per second fire once the 5m window is full and the 5m for has elapsed",
            [S("http_requests_total", Counter(720), Api, ("status", "500"))],
            SilentAt(M(9)),
            FiresAt(M(10), AlertNames.HighErrorCount, [("job", "api"), ("severity", "critical")],
                "Many HTTP errors on api",
                "api answers 12 requests per second with 5xx (threshold 10/s, for 5m).")),
        Case(AlertNames.HighErrorCount, "9 errors per second stay silent, 4xx never count",
            [
                S("http_requests_total", Counter(540), Api, ("status", "500")),
                S("http_requests_total", Counter(6000), Api, ("status", "404")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.SlowResponseTime, "p95 of 2.425s fires after 5m",
            [
                S("http_request_duration_seconds_bucket", Counter(0), Api, ("le", "0.5")),
                S("http_request_duration_seconds_bucket", Counter(0), Api, ("le", "1")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "2.5")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "+Inf")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), AlertNames.SlowResponseTime, [("job", "api"), ("severity", "warning")],
                "Slow responses from api",
                "The 95th percentile latency of api is 2.425s (threshold 1s, for 5m).")),
        Case(AlertNames.SlowResponseTime, "p95 of 0.975s stays silent",
            [
                S("http_request_duration_seconds_bucket", Counter(0), Api, ("le", "0.5")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "1")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "2.5")),
                S("http_request_duration_seconds_bucket", Counter(60), Api, ("le", "+Inf")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.ServiceDown, "a target down fires after 1m",
            [S("up", Gauge(0), Api, ("instance", "api-0:8080"))],
            SilentAt(M(0)),
            FiresAt(M(1), AlertNames.ServiceDown, [("instance", "api-0:8080"), ("job", "api"), ("severity", "critical")],
                "api target api-0:8080 is down",
                "Prometheus cannot scrape api-0:8080 of job api (for 1m).")),
        Case(AlertNames.ServiceDown, "targets up, and node-exporter (NodeDown's) down, stay silent",
            [
                S("up", Gauge(1), Api, ("instance", "api-0:8080")),
                S("up", Gauge(0), ("job", "node-exporter"), ("instance", "node-1:9100")),
            ],
            SilentAt(M(30))),
        Case(AlertNames.ServiceDown, "control-plane targets bound to localhost (kube-scheduler, kube-controller-manager, kube-etcd, kube-proxy) down stay silent",
            [
                S("up", Gauge(0), ("job", "kube-scheduler"), ("instance", "10.0.0.1:10259")),
                S("up", Gauge(0), ("job", "kube-controller-manager"), ("instance", "10.0.0.1:10257")),
                S("up", Gauge(0), ("job", "kube-etcd"), ("instance", "10.0.0.1:2381")),
                S("up", Gauge(0), ("job", "kube-proxy"), ("instance", "10.0.0.2:10249")),
                S("up", Gauge(1), Api, ("instance", "api-0:8080")),
            ],
            SilentAt(M(30))),
        Case(AlertNames.ServiceDown, "a job outside the control plane (kube-state-metrics) down fires after 1m",
            [S("up", Gauge(0), ("job", "kube-state-metrics"), ("instance", "10.1.0.5:8080"))],
            SilentAt(M(0)),
            FiresAt(M(1), AlertNames.ServiceDown, [("instance", "10.1.0.5:8080"), ("job", "kube-state-metrics"), ("severity", "critical")],
                "kube-state-metrics target 10.1.0.5:8080 is down",
                "Prometheus cannot scrape 10.1.0.5:8080 of job kube-state-metrics (for 1m).")),

        // ---- Agents and LLM ----
        Case(AlertNames.SlowAgentExecutions, "p95 of 58.5s fires after 10m",
            [
                S("agent_execution_duration_seconds_bucket", Counter(0), ("agent_id", "planner"), ("le", "10")),
                S("agent_execution_duration_seconds_bucket", Counter(0), ("agent_id", "planner"), ("le", "30")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "60")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "+Inf")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AlertNames.SlowAgentExecutions, [("agent_id", "planner"), ("severity", "warning")],
                "Agent planner executes slowly",
                "The 95th percentile execution time of agent planner is 58.5s (threshold 30s, for 10m).")),
        Case(AlertNames.SlowAgentExecutions, "p95 of 29s stays silent",
            [
                S("agent_execution_duration_seconds_bucket", Counter(0), ("agent_id", "planner"), ("le", "10")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "30")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "60")),
                S("agent_execution_duration_seconds_bucket", Counter(60), ("agent_id", "planner"), ("le", "+Inf")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.HighTokenUsage, "1.2M tokens in an hour over two models fire; exactly 1M does not",
            [
                S("agent_tokens_used_total", Counter(12_000, 70), ("agent_id", "writer"), ("model", "gpt-4o")),
                S("agent_tokens_used_total", Counter(8_000, 70), ("agent_id", "writer"), ("model", "claude-sonnet")),
            ],
            SilentAt(M(50)),
            FiresAt(M(60), AlertNames.HighTokenUsage, [("agent_id", "writer"), ("severity", "warning")],
                "Agent writer uses many LLM tokens",
                "Agent writer used 1.2M tokens in the last 1h (threshold 1,000,000).")),
        Case(AlertNames.HighTokenUsage, "600k tokens an hour stay silent",
            [S("agent_tokens_used_total", Counter(10_000, 70), ("agent_id", "summariser"), ("model", "gpt-4o"))],
            SilentAt(M(60))),

        Case(AlertNames.LowAgentSuccessRate, "90% success fires after 10m",
            [
                S("agent_executions_total", Counter(54), ("agent_id", "planner"), ("status", "success")),
                S("agent_executions_total", Counter(6), ("agent_id", "planner"), ("status", "failure")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AlertNames.LowAgentSuccessRate, [("agent_id", "planner"), ("severity", "warning")],
                "Agent planner fails often",
                "Only 90% of agent planner executions succeed (threshold 95%, for 10m).")),
        Case(AlertNames.LowAgentSuccessRate, "98% success, and an idle agent, stay silent",
            [
                S("agent_executions_total", Counter(59), ("agent_id", "planner"), ("status", "success")),
                S("agent_executions_total", Counter(1), ("agent_id", "planner"), ("status", "failure")),
                S("agent_executions_total", Gauge(10), ("agent_id", "idle"), ("status", "success")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.HighPromptFailureRate, "20% failed prompts fire after 5m",
            [
                S("prompt_executions_total", Counter(48), ("job", "prompt-service"), ("status", "success")),
                S("prompt_executions_total", Counter(12), ("job", "prompt-service"), ("status", "error")),
            ],
            SilentAt(M(5)),
            FiresAt(M(6), AlertNames.HighPromptFailureRate, [("job", "prompt-service"), ("severity", "warning")],
                "Prompt executions fail on prompt-service",
                "20% of prompt executions on prompt-service fail (threshold 10%, for 5m).")),
        Case(AlertNames.HighPromptFailureRate, "8.3% failed prompts stay silent",
            [
                S("prompt_executions_total", Counter(55), ("job", "prompt-service"), ("status", "success")),
                S("prompt_executions_total", Counter(5), ("job", "prompt-service"), ("status", "error")),
            ],
            SilentAt(M(30))),

        // ---- PostgreSQL ----
        Case(AlertNames.DatabaseDown, "pg_up 0 fires after 1m",
            [S("pg_up", Gauge(0), ("job", "postgres-exporter"), ("instance", "pg-0:9187"))],
            SilentAt(M(0)),
            FiresAt(M(1), AlertNames.DatabaseDown, [("instance", "pg-0:9187"), ("job", "postgres-exporter"), ("severity", "critical")],
                "PostgreSQL pg-0:9187 is down",
                "postgres-exporter cannot reach the database at pg-0:9187 (for 1m).")),
        Case(AlertNames.DatabaseDown, "pg_up 1 stays silent",
            [S("pg_up", Gauge(1), ("job", "postgres-exporter"), ("instance", "pg-0:9187"))],
            SilentAt(M(30))),

        Case(AlertNames.HighDatabaseConnections, "95 of 100 connections fire after 5m",
            [
                S("pg_stat_activity_count", Gauge(60), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "active")),
                S("pg_stat_activity_count", Gauge(35), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "idle")),
                S("pg_settings_max_connections", Gauge(100), ("instance", "pg-0:9187")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), AlertNames.HighDatabaseConnections, [("instance", "pg-0:9187"), ("severity", "warning")],
                "PostgreSQL pg-0:9187 is running out of connections",
                "95% of max_connections are in use on pg-0:9187 (threshold 90%, for 5m).")),
        Case(AlertNames.HighDatabaseConnections, "exactly 90 of 100 connections stay silent",
            [
                S("pg_stat_activity_count", Gauge(80), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "active")),
                S("pg_stat_activity_count", Gauge(10), ("instance", "pg-0:9187"), ("datname", "app"), ("state", "idle")),
                S("pg_settings_max_connections", Gauge(100), ("instance", "pg-0:9187")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.DatabaseConnectionPoolLow, "85 pooled connections fire after 5m",
            [S("db_connections_active", Gauge(85), ("job", "orders"), ("instance", "orders-0:8080"))],
            SilentAt(M(4)),
            FiresAt(M(5), AlertNames.DatabaseConnectionPoolLow, [("instance", "orders-0:8080"), ("job", "orders"), ("severity", "warning")],
                "Connection pool of orders is nearly exhausted",
                "orders (orders-0:8080) holds 85 database connections (threshold 80, for 5m).")),
        Case(AlertNames.DatabaseConnectionPoolLow, "exactly 80 pooled connections stay silent",
            [S("db_connections_active", Gauge(80), ("job", "orders"), ("instance", "orders-0:8080"))],
            SilentAt(M(30))),

        Case(AlertNames.LowDatabaseCacheHitRatio, "80% cache hits fire after 10m",
            [
                S("pg_stat_database_blks_hit", Counter(480), ("instance", "pg-0:9187"), ("datname", "app")),
                S("pg_stat_database_blks_read", Counter(120), ("instance", "pg-0:9187"), ("datname", "app")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AlertNames.LowDatabaseCacheHitRatio, [("datname", "app"), ("instance", "pg-0:9187"), ("severity", "warning")],
                "Low buffer cache hit ratio on app",
                "Only 80% of block reads of app on pg-0:9187 hit the buffer cache (threshold 90%, for 10m).")),
        Case(AlertNames.LowDatabaseCacheHitRatio, "99% cache hits, an idle database, and the shared catalogs' row (datname \"\") stay silent",
            [
                S("pg_stat_database_blks_hit", Counter(594), ("instance", "pg-0:9187"), ("datname", "app")),
                S("pg_stat_database_blks_read", Counter(6), ("instance", "pg-0:9187"), ("datname", "app")),
                S("pg_stat_database_blks_hit", Gauge(100), ("instance", "pg-0:9187"), ("datname", "idle")),
                S("pg_stat_database_blks_read", Gauge(100), ("instance", "pg-0:9187"), ("datname", "idle")),
                // pg_stat_database's datid 0 row, as postgres-exporter exports it: not a database, never an alert.
                S("pg_stat_database_blks_hit", Counter(10), ("instance", "pg-0:9187"), ("datid", "0"), ("datname", "")),
                S("pg_stat_database_blks_read", Counter(90), ("instance", "pg-0:9187"), ("datid", "0"), ("datname", "")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.SlowDatabaseQueries, "750ms mean statement time fires after 10m",
            [
                S("pg_stat_statements_seconds_total", Counter(45), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
                S("pg_stat_statements_calls_total", Counter(60), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AlertNames.SlowDatabaseQueries, [("datname", "app"), ("instance", "pg-0:9187"), ("severity", "warning")],
                "Slow queries on app",
                "Statements on app (pg-0:9187) take 750ms on average (threshold 0.5s, for 10m).")),
        Case(AlertNames.SlowDatabaseQueries, "400ms mean stays silent, and a database without pg_stat_statements is ignored",
            [
                S("pg_stat_statements_seconds_total", Counter(24), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
                S("pg_stat_statements_calls_total", Counter(60), ("instance", "pg-0:9187"), ("datname", "app"), ("queryid", "42"), ("user", "app")),
                S("pg_up", Gauge(1), ("instance", "pg-1:9187"), ("job", "postgres-exporter")),
                S("pg_stat_database_blks_hit", Counter(600), ("instance", "pg-1:9187"), ("datname", "legacy")),
            ],
            SilentAt(M(30))),

        // ---- Redis ----
        Case(AlertNames.RedisDown, "redis_up 0 fires after 1m",
            [S("redis_up", Gauge(0), ("job", "redis-exporter"), ("instance", "redis-0:9121"))],
            SilentAt(M(0)),
            FiresAt(M(1), AlertNames.RedisDown, [("instance", "redis-0:9121"), ("job", "redis-exporter"), ("severity", "critical")],
                "Redis redis-0:9121 is down",
                "redis_exporter cannot reach Redis at redis-0:9121 (for 1m).")),
        Case(AlertNames.RedisDown, "redis_up 1 stays silent",
            [S("redis_up", Gauge(1), ("job", "redis-exporter"), ("instance", "redis-0:9121"))],
            SilentAt(M(30))),

        Case(AlertNames.RedisHighMemory, "95% of maxmemory fires after 5m",
            [
                S("redis_memory_used_bytes", Gauge(950_000_000), ("instance", "redis-0:9121")),
                S("redis_memory_max_bytes", Gauge(1_000_000_000), ("instance", "redis-0:9121")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), AlertNames.RedisHighMemory, [("instance", "redis-0:9121"), ("severity", "warning")],
                "Redis redis-0:9121 is close to maxmemory",
                "Redis redis-0:9121 uses 95% of maxmemory (threshold 90%, for 5m).")),
        Case(AlertNames.RedisHighMemory, "no false alarm when maxmemory is 0 (unlimited), none at exactly 90%",
            [
                S("redis_memory_used_bytes", Gauge(950_000_000), ("instance", "redis-unlimited:9121")),
                S("redis_memory_max_bytes", Gauge(0), ("instance", "redis-unlimited:9121")),
                S("redis_memory_used_bytes", Gauge(900_000_000), ("instance", "redis-0:9121")),
                S("redis_memory_max_bytes", Gauge(1_000_000_000), ("instance", "redis-0:9121")),
            ],
            SilentAt(M(30))),

        // ---- Nodes ----
        Case(AlertNames.NodeDown, "node-exporter down fires after 1m",
            [S("up", Gauge(0), ("job", "node-exporter"), ("instance", "node-1:9100"))],
            SilentAt(M(0)),
            FiresAt(M(1), AlertNames.NodeDown, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "critical")],
                "Node node-1:9100 is down",
                "Prometheus cannot scrape node-exporter on node-1:9100 (for 1m): the node or its exporter is gone.")),
        Case(AlertNames.NodeDown, "node-exporter up, and another job down, stay silent",
            [
                S("up", Gauge(1), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("up", Gauge(0), Api, ("instance", "api-0:8080")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.HighCpuUsage, "90% busy CPUs fire after 10m",
            [
                S("node_cpu_seconds_total", Counter(6), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(6), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(54), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "user")),
            ],
            SilentAt(M(10)),
            FiresAt(M(11), AlertNames.HighCpuUsage, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "warning")],
                "High CPU usage on node-1:9100",
                "CPU on node-1:9100 is 90% busy (threshold 80%, for 10m).")),
        Case(AlertNames.HighCpuUsage, "75% busy CPUs stay silent",
            [
                S("node_cpu_seconds_total", Counter(15), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(15), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.HighMemoryUsage, "90% memory in use fires after 10m",
            [
                S("node_memory_MemAvailable_bytes", Gauge(1_600_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_memory_MemTotal_bytes", Gauge(16_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
            ],
            SilentAt(M(9)),
            FiresAt(M(10), AlertNames.HighMemoryUsage, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "warning")],
                "High memory usage on node-1:9100",
                "90% of memory on node-1:9100 is in use (threshold 85%, for 10m).")),
        Case(AlertNames.HighMemoryUsage, "80% memory in use stays silent",
            [
                S("node_memory_MemAvailable_bytes", Gauge(3_200_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_memory_MemTotal_bytes", Gauge(16_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.LowDiskSpace, "10% free on / fires after 5m",
            [
                S("node_filesystem_avail_bytes", Gauge(10_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
                S("node_filesystem_size_bytes", Gauge(100_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), AlertNames.LowDiskSpace, [("device", "/dev/sda1"), ("instance", "node-1:9100"), ("job", "node-exporter"), ("mountpoint", "/"), ("severity", "critical")],
                "Low disk space on node-1:9100 /",
                "Only 10% of / (/dev/sda1) on node-1:9100 is free (threshold 15%, for 5m).")),
        Case(AlertNames.LowDiskSpace, "full tmpfs and overlay are ignored, 20% free stays silent",
            [
                S("node_filesystem_avail_bytes", Gauge(1_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "tmpfs"), ("mountpoint", "/run"), ("fstype", "tmpfs")),
                S("node_filesystem_size_bytes", Gauge(100_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "tmpfs"), ("mountpoint", "/run"), ("fstype", "tmpfs")),
                S("node_filesystem_avail_bytes", Gauge(1_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "overlay"), ("mountpoint", "/var/lib/containerd/x"), ("fstype", "overlay")),
                S("node_filesystem_size_bytes", Gauge(100_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "overlay"), ("mountpoint", "/var/lib/containerd/x"), ("fstype", "overlay")),
                S("node_filesystem_avail_bytes", Gauge(20_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
                S("node_filesystem_size_bytes", Gauge(100_000_000_000), ("job", "node-exporter"), ("instance", "node-1:9100"), ("device", "/dev/sda1"), ("mountpoint", "/"), ("fstype", "ext4")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.HighLoadAverage, "load 10 on 2 CPUs fires after 5m",
            [
                S("node_load15", Gauge(10), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
            ],
            SilentAt(M(4)),
            FiresAt(M(5), AlertNames.HighLoadAverage, [("instance", "node-1:9100"), ("job", "node-exporter"), ("severity", "warning")],
                "High load on node-1:9100",
                "The 15-minute load average on node-1:9100 is 5 per CPU (threshold 2, for 5m).")),
        Case(AlertNames.HighLoadAverage, "load 4 on 2 CPUs (exactly 2 per CPU) stays silent",
            [
                S("node_load15", Gauge(4), ("job", "node-exporter"), ("instance", "node-1:9100")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "0"), ("mode", "idle")),
                S("node_cpu_seconds_total", Counter(30), ("job", "node-exporter"), ("instance", "node-1:9100"), ("cpu", "1"), ("mode", "idle")),
            ],
            SilentAt(M(30))),

        // ---- Kubernetes ----
        Case(AlertNames.PodRestarting, "5 restarts within the hour fire at once",
            [S("kube_pod_container_status_restarts_total", Gauge(0, 10).ThenConstant(5, 20), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"))],
            SilentAt(M(10)),
            FiresAt(M(20), AlertNames.PodRestarting, [("container", "api"), ("namespace", "shop"), ("pod", "api-7d9f"), ("severity", "warning")],
                "Container api of shop/api-7d9f keeps restarting",
                "Container api of pod shop/api-7d9f restarted 5 times in the last 1h (threshold 3).")),
        Case(AlertNames.PodRestarting, "3 restarts within the hour stay silent",
            [S("kube_pod_container_status_restarts_total", Gauge(0, 10).ThenConstant(3, 20), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"))],
            SilentAt(M(20))),

        Case(AlertNames.ContainerHighMemory, "90% of the memory limit fires after 10m",
            [
                S("container_memory_working_set_bytes", Gauge(900_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("kube_pod_container_resource_limits", Gauge(1_000_000_000), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"), ("resource", "memory"), ("unit", "byte")),
            ],
            SilentAt(M(9)),
            FiresAt(M(10), AlertNames.ContainerHighMemory, [("container", "api"), ("namespace", "shop"), ("pod", "api-7d9f"), ("severity", "warning")],
                "Container api of shop/api-7d9f is close to its memory limit",
                "Container api of pod shop/api-7d9f uses 90% of its memory limit (threshold 85%, for 10m); it will be OOM-killed at 100%.")),
        Case(AlertNames.ContainerHighMemory, "80% of the limit, a container without limit and the pod cgroup stay silent",
            [
                S("container_memory_working_set_bytes", Gauge(800_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("kube_pod_container_resource_limits", Gauge(1_000_000_000), ("job", "kube-state-metrics"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api"), ("resource", "memory"), ("unit", "byte")),
                S("container_memory_working_set_bytes", Gauge(5_000_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "")),
                S("container_memory_working_set_bytes", Gauge(5_000_000_000), ("job", "kubelet"), ("namespace", "shop"), ("pod", "batch-1"), ("container", "batch")),
            ],
            SilentAt(M(30))),

        Case(AlertNames.ContainerCpuThrottling, "50% throttled periods fire after 15m",
            [
                S("container_cpu_cfs_throttled_periods_total", Counter(300), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("container_cpu_cfs_periods_total", Counter(600), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
            ],
            SilentAt(M(15)),
            FiresAt(M(16), AlertNames.ContainerCpuThrottling, [("container", "api"), ("namespace", "shop"), ("pod", "api-7d9f"), ("severity", "info")],
                "Container api of shop/api-7d9f is CPU-throttled",
                "50% of CPU periods of container api in pod shop/api-7d9f are throttled (threshold 25%, for 15m).")),
        Case(AlertNames.ContainerCpuThrottling, "20% throttled periods stay silent",
            [
                S("container_cpu_cfs_throttled_periods_total", Counter(120), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
                S("container_cpu_cfs_periods_total", Counter(600), ("job", "kubelet"), ("namespace", "shop"), ("pod", "api-7d9f"), ("container", "api")),
            ],
            SilentAt(M(30))),

        // ---- Loki, log agent, Jaeger, Grafana ----
        .. PipelineAlertCases.All,

        // ---- Watchdog: fires with no input at all, at every evaluation. It has no silent case by design. ----
        Case(AlertNames.Watchdog, "always fires, even without any series",
            [],
            FiresAt(M(0), AlertNames.Watchdog, [("severity", "none")],
                "Alerting pipeline heartbeat",
                "This alert always fires. It proves that Prometheus evaluates rules and Alertmanager delivers notifications; " +
                "the dead man's switch it is routed to pages when it stops arriving."),
            FiresAt(M(30), AlertNames.Watchdog, [("severity", "none")],
                "Alerting pipeline heartbeat",
                "This alert always fires. It proves that Prometheus evaluates rules and Alertmanager delivers notifications; " +
                "the dead man's switch it is routed to pages when it stops arriving.")),
    ];

    /// <summary>Alerts that by design never stay silent.</summary>
    public static IReadOnlySet<string> AlwaysFiring { get; } = new HashSet<string>(StringComparer.Ordinal) { AlertNames.Watchdog };
}
