using ChatOps.Bot.Engine;
using ChatOps.Bot.Hosting;
using ChatOps.Channels.BotFramework.Hosting;
using ChatOps.Channels.WeCom.Hosting;
using ChatOps.Core.Operations;
using ChatOps.Storage.Operations;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatOps.Bot.Operations;

/// <summary>
/// What the people who install and run the bot need, in one <c>AddOperations</c> / <c>MapOperations</c>: the doctor
/// (checks of configuration, database, channels, calendar, directory), channel alerts to the office, WeCom's domain
/// verification file, and metrics/traces (Prometheus scrape endpoint, OTLP exporter — both off unless configured).
/// </summary>
public static class OperationsRegistration
{
    /// <summary>Registers the operations services. Call after the channels (the doctor checks the ones configured).</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOperationsCore();
        services.AddOperationsStorage();
        services.AddDoctorCheck<ConfigurationDoctorCheck>();
        services.AddHttpClient(nameof(DoctorRegistration), c => c.Timeout = TimeSpan.FromSeconds(20));
        if (WeComChannelOptions.IsConfigured(builder.Configuration))
        {
            services.AddSingleton(sp => new WeComDoctorCheck(sp.GetRequiredService<IConfiguration>(), DoctorHttp(sp)));
            services.AddSingleton(new DoctorCheckType(typeof(WeComDoctorCheck)));
            services.AddSingleton<IChannelTroubleshooter, WeComTroubleshooter>();
        }

        services.AddSingleton(sp => new BotFrameworkDoctorCheck(sp.GetRequiredService<IConfiguration>(), DoctorHttp(sp)));
        services.AddSingleton(new DoctorCheckType(typeof(BotFrameworkDoctorCheck)));
        services.AddSingleton<IChannelTroubleshooter, BotFrameworkTroubleshooter>();

        services.AddOptions<OperationsStartupCheck>().Validate(
            _ => WeComDomainVerification.Validate(builder.Configuration) is null,
            WeComDomainVerification.Validate(builder.Configuration) ?? "").ValidateOnStart();
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        services.AddSingleton<EngineTelemetry>();
        DecorateInbox(services);
        AddOpenTelemetry(builder);
        return builder;
    }

    /// <summary>Maps WeCom's domain verification file and, when enabled, the Prometheus scrape endpoint.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapWeComDomainVerification();
        app.Services.ObserveOutbox();
        var telemetry = TelemetryOptions.Read(app.Configuration);
        if (telemetry.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(telemetry.Prometheus.Path);
        }

        return app;
    }

    private static HttpClient DoctorHttp(IServiceProvider sp) =>
        sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DoctorRegistration));

    /// <summary>Wraps the inbox so each message is stored with its trace context (the callback's request) for the engine's turn.</summary>
    private static void DecorateInbox(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IInbox));
        if (inner?.ImplementationFactory is not { } factory)
        {
            return;
        }

        services.Remove(inner);
        services.AddSingleton<IInbox>(sp => new TracingInbox((IInbox)factory(sp)));
    }

    private static void AddOpenTelemetry(IHostApplicationBuilder builder)
    {
        var options = TelemetryOptions.Read(builder.Configuration);
        var otlp = string.IsNullOrWhiteSpace(options.Otlp.Endpoint) ? null : options.Otlp;
        if (!options.Prometheus.Enabled && otlp is null)
        {
            return;
        }

        void Exporter(OtlpExporterOptions o)
        {
            o.Endpoint = new Uri(otlp!.Endpoint!);
            o.Protocol = string.Equals(otlp.Protocol, "grpc", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(options.ServiceName));
        telemetry.WithMetrics(m =>
        {
            m.AddMeter(ChatOpsTelemetry.Name);
            if (options.Prometheus.Enabled)
            {
                m.AddPrometheusExporter();
            }

            if (otlp is not null)
            {
                m.AddOtlpExporter(Exporter);
            }
        });
        if (otlp is not null)
        {
            telemetry.WithTracing(t => t.AddSource(ChatOpsTelemetry.Name, "Microsoft.AspNetCore").AddOtlpExporter(Exporter));
        }
    }

    /// <summary>A marker for the start-up validation of settings that have no options class of their own.</summary>
    private sealed class OperationsStartupCheck;
}
