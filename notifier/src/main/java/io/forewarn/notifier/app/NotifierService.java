package io.forewarn.notifier.app;

import io.forewarn.notifier.channel.Connector;
import io.forewarn.notifier.channel.TokenBucket;
import io.forewarn.notifier.channel.email.EmailMessage;
import io.forewarn.notifier.channel.email.SmtpEmailConnector;
import io.forewarn.notifier.channel.sms.SmsMessage;
import io.forewarn.notifier.channel.sms.TwilioMessageLookup;
import io.forewarn.notifier.channel.sms.TwilioSmsConnector;
import io.forewarn.notifier.channel.ticket.TicketMessage;
import io.forewarn.notifier.channel.ticket.ZendeskTicketConnector;
import io.forewarn.notifier.channel.webhook.WebhookTicketConnector;
import io.forewarn.notifier.compose.OutreachComposer;
import io.forewarn.notifier.delivery.Backoff;
import io.forewarn.notifier.delivery.Blocking;
import io.forewarn.notifier.delivery.Channels;
import io.forewarn.notifier.delivery.CustomerRows;
import io.forewarn.notifier.delivery.DeliveryConfig;
import io.forewarn.notifier.delivery.DeliveryResults;
import io.forewarn.notifier.delivery.DeliveryStore;
import io.forewarn.notifier.delivery.DeliveryVerticle;
import io.forewarn.notifier.delivery.Dispatcher;
import io.forewarn.notifier.delivery.Jdbc;
import io.forewarn.notifier.delivery.OutboxPlanner;
import io.forewarn.notifier.delivery.OutboxVerticle;
import io.forewarn.notifier.delivery.QueueStats;
import io.forewarn.notifier.delivery.Recovery;
import io.forewarn.notifier.http.HttpSettings;
import io.forewarn.notifier.maintenance.MaintenanceAnnouncer;
import io.forewarn.notifier.maintenance.MaintenanceVerticle;
import io.forewarn.notifier.http.HttpVerticle;
import io.forewarn.notifier.http.InboundStore;
import io.forewarn.notifier.metrics.NotifierMetrics;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.GestureRule;
import io.forewarn.notifier.outreach.OutreachPlanner;
import io.forewarn.notifier.template.MessageRenderer;
import io.forewarn.notifier.template.TemplateCheckException;
import io.forewarn.notifier.template.Templates;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Wires the running notifier: connectors with their buckets, the outbox planner, the delivery
 * loop and the HTTP endpoints, on a given Vert.x and data source (tests start several).
 */
public final class NotifierService {
  private final Vertx vertx;
  private final NotifierConfig config;
  private final DataSource dataSource;
  private final Clock clock;
  private final NotifierMetrics metrics;
  private final boolean http;

  public NotifierService(Vertx vertx, NotifierConfig config, DataSource dataSource, Clock clock,
      MeterRegistry registry, boolean http) {
    this.vertx = vertx;
    this.config = config;
    this.dataSource = dataSource;
    this.clock = clock;
    this.metrics = new NotifierMetrics(registry);
    this.http = http;
  }

  /** Deploys the verticles; the future ends with the HTTP port (0 without HTTP). */
  public Future<Integer> start() throws TemplateCheckException {
    var gestures = config.planner().gestures().stream().map(GestureRule::gestureKey).collect(Collectors.toSet());
    MessageRenderer renderer = Templates.loadChecked(config.templates(), gestures, clock);
    OutreachComposer composer = new OutreachComposer(renderer, config.templates());
    OutreachPlanner planner = new OutreachPlanner(clock, config.planner());
    DeliveryConfig dc = config.service().delivery();
    Channels channels = channels(WebClient.create(vertx, new WebClientOptions(),
        new PoolOptions().setHttp1MaxSize(config.service().providerConnections())));
    Jdbc jdbc = new Jdbc(dataSource);
    Blocking blocking = new Blocking(vertx);
    CustomerRows customers = new CustomerRows(channels.customerChannels());
    OutboxPlanner outbox = new OutboxPlanner(jdbc, planner, customers, channels.ticket() != null, dc.instanceId(),
        metrics);
    DeliveryResults results = new DeliveryResults(jdbc);
    Dispatcher dispatcher = new Dispatcher(channels, composer, planner, results,
        new Backoff(dc.baseBackoff(), dc.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
        dc.maxAttempts(), clock, metrics);
    DeliveryStore store = new DeliveryStore(jdbc, customers, dc.instanceId());
    Recovery recovery = new Recovery(channels, results, clock);
    QueueStats stats = new QueueStats(jdbc, metrics);
    // One event loop renders and sends for its loops: spread the loops over up to one per core.
    int loops = Math.min(dc.senders(), Runtime.getRuntime().availableProcessors());
    Future<String> deployed = vertx.deployVerticle(new OutboxVerticle(outbox, blocking, dc.outboxBatch(),
        dc.pollInterval()));
    for (int i = 0; i < loops; i++) {
      int share = dc.senders() / loops + (i < dc.senders() % loops ? 1 : 0);
      DeliveryVerticle delivery = new DeliveryVerticle(store, dispatcher, recovery, results, channels, dc, blocking,
          stats, share, i == 0);
      deployed = deployed.compose(id -> vertx.deployVerticle(delivery));
    }
    Future<Integer> started = deployed
        .compose(id -> vertx.deployVerticle(new MaintenanceVerticle(new MaintenanceAnnouncer(jdbc,
            config.service().maintenance(), dc.instanceId()), blocking, config.service().maintenance())))
        .map(0);
    if (!http) {
      return started;
    }
    HttpSettings settings = new HttpSettings(config.service().httpPort(), config.service().publicUrl(),
        config.twilio().map(t -> t.authToken()).orElse(null),
        config.zendesk().map(z -> z.webhookSecret()).orElse(null),
        config.zendesk().map(z -> z.email()).orElse(null),
        config.webhook().map(w -> w.secret()).orElse(null));
    HttpVerticle web = new HttpVerticle(settings, new InboundStore(jdbc), blocking, metrics, clock);
    return started.compose(x -> vertx.deployVerticle(web)).map(id -> web.actualPort());
  }

  private Channels channels(WebClient client) {
    Map<Channel, TokenBucket> buckets = new EnumMap<>(Channel.class);
    Connector<SmsMessage> sms = null;
    TwilioMessageLookup lookup = null;
    if (config.twilio().isPresent()) {
      var t = config.twilio().get();
      sms = new TwilioSmsConnector(client, t, clock);
      lookup = new TwilioMessageLookup(client, t);
      buckets.put(Channel.SMS, t.rateLimit().bucket(clock));
    }
    Connector<EmailMessage> email = null;
    if (config.smtp().isPresent()) {
      email = new SmtpEmailConnector(vertx, config.smtp().get(), clock);
      buckets.put(Channel.EMAIL, config.smtp().get().rateLimit().bucket(clock));
    }
    Connector<TicketMessage> ticket = null;
    if (config.zendesk().isPresent()) {
      ticket = new ZendeskTicketConnector(client, config.zendesk().get(), clock);
      buckets.put(Channel.TICKET, config.zendesk().get().rateLimit().bucket(clock));
    } else if (config.webhook().isPresent()) {
      ticket = new WebhookTicketConnector(client, config.webhook().get(), clock);
      buckets.put(Channel.TICKET, config.webhook().get().rateLimit().bucket(clock));
    }
    buckets.forEach((channel, bucket) -> metrics.unusedRate(channel.templateName(), bucket, TokenBucket::unusedTokens));
    return new Channels(sms, email, ticket, lookup, buckets);
  }
}
