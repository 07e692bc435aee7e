namespace ChatOps.Bot.Operations;

/// <summary>
/// Metrics and traces (section <c>Telemetry</c>). Both exporters are off unless configured:
/// <c>Telemetry:Prometheus:Enabled=true</c> maps a scrape endpoint (default <c>/metrics</c>; keep it off the public
/// proxy), <c>Telemetry:Otlp:Endpoint</c> sends metrics and traces to an OpenTelemetry collector.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Telemetry";

    /// <summary>The service name in exported data (several instances share it; the collector adds the host).</summary>
    public string ServiceName { get; set; } = "chatops";

    /// <summary>The Prometheus scrape endpoint.</summary>
    public PrometheusSettings Prometheus { get; set; } = new();

    /// <summary>The OTLP exporter.</summary>
    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>Reads the section without validating (validation runs at start-up).</summary>
    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        configuration.GetSection(Section).Bind(options);
        return options;
    }

    /// <summary>Prometheus settings.</summary>
    public sealed class PrometheusSettings
    {
        /// <summary>Maps the scrape endpoint.</summary>
        public bool Enabled { get; set; }

        /// <summary>Its path.</summary>
        public string Path { get; set; } = "/metrics";
    }

    /// <summary>OTLP settings.</summary>
    public sealed class OtlpSettings
    {
        /// <summary>The collector, e.g. http://otel-collector:4318 (http/protobuf) or :4317 (grpc); empty: off.</summary>
        public string? Endpoint { get; set; }

        /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
        public string Protocol { get; set; } = "http/protobuf";
    }
}

/// <summary>Checks <see cref="TelemetryOptions"/> at start-up.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.Prometheus.Enabled && (string.IsNullOrWhiteSpace(options.Prometheus.Path) || !options.Prometheus.Path.StartsWith('/')))
        {
            failures.Add($"Telemetry:Prometheus:Path must start with '/' (got '{options.Prometheus.Path}').");
        }

        if (!string.IsNullOrWhiteSpace(options.Otlp.Endpoint) && !Uri.TryCreate(options.Otlp.Endpoint, UriKind.Absolute, out _))
        {
            failures.Add($"Telemetry:Otlp:Endpoint must be an absolute URL such as http://otel-collector:4318 (got '{options.Otlp.Endpoint}').");
        }

        if (options.Otlp.Protocol is not ("http/protobuf" or "grpc"))
        {
            failures.Add($"Telemetry:Otlp:Protocol must be 'http/protobuf' or 'grpc' (got '{options.Otlp.Protocol}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
