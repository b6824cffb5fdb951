package org.exchangehub.adapters.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.PublishResult;
import org.exchangehub.adapters.hub.RecordRefusedException;

/**
 * The per-record route both inbound channels publish through: idempotent consumer, mapping, {@code direct:publish},
 * and the outcome written back inside the same exchange, so a record's key enters the repository only once its
 * outcome is stored.
 */
final class RecordPublication {

    private static final String IDEMPOTENCY_KEY = "HubInboundIdempotencyKey";
    private static final String NATIVE_RECORD = "HubInboundNativeRecord";
    private static final String OUTCOME = "HubInboundOutcome";

    private final String routeId;
    private final String endpoint;
    private final String agency;
    private final String publishUri;
    private final IdempotentRepository idempotentRepository;

    RecordPublication(String routeId, String agency, String publishUri, IdempotentRepository idempotentRepository) {
        this.routeId = routeId;
        this.endpoint = "direct:" + routeId;
        this.agency = agency;
        this.publishUri = publishUri;
        this.idempotentRepository = idempotentRepository;
    }

    /**
     * Non-eager: the key is added when the exchange completes without an exception, i.e. after the outcome (DONE,
     * FAILED or a rejection) is stored; an exchange that fails (hub undecided, database down) adds nothing. No error
     * handler: the sender sorts the failure out, so it is not logged twice.
     */
    void defineRoute(RouteBuilder builder) {
        builder.from(endpoint)
                .routeId(routeId)
                .errorHandler(builder.noErrorHandler())
                .idempotentConsumer(builder.header(IDEMPOTENCY_KEY), idempotentRepository)
                .eager(false)
                .doTry()
                .process(this::toCanonical)
                .to(publishUri)
                .process(this::published)
                .doCatch(RecordRefusedException.class, MappingException.class)
                .process(this::rejected)
                .end()
                .end();
    }

    /**
     * Publishes one record and stores its outcome; returns when the outcome is final (published, rejected or seen
     * before) and throws when the hub could not decide, so the caller stops and retries later.
     */
    void publish(ProducerTemplate template, NativeRecord record, String idempotencyKey, RecordOutcome outcome) {
        Exchange done = template.send(endpoint, exchange -> {
            exchange.getMessage().setBody(record);
            exchange.getMessage().setHeader(IDEMPOTENCY_KEY, idempotencyKey);
            exchange.setProperty(NATIVE_RECORD, record);
            exchange.setProperty(OUTCOME, outcome);
        });
        if (done.getException() != null) {
            throw new HubUndecidedException(record.sourceRef(), done.getException());
        }
        if (done.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class)) {
            outcome.alreadyProcessed(record);
        }
    }

    private void toCanonical(Exchange exchange) {
        NativeRecord record = exchange.getProperty(NATIVE_RECORD, NativeRecord.class);
        exchange.getMessage().setBody(record.toCanonical());
        exchange.getMessage().setHeader(HubHeaders.AGENCY, agency);
        exchange.getMessage().setHeader(HubHeaders.SOURCE_REF, record.sourceRef());
    }

    private void published(Exchange exchange) {
        Object reply = exchange.getMessage().getBody();
        if (!(reply instanceof PublishResult result)) {
            throw new IllegalStateException("the hub answered " + reply + " instead of a PublishResult");
        }
        outcomeOf(exchange).published(exchange.getProperty(NATIVE_RECORD, NativeRecord.class), result);
    }

    private void rejected(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = caught instanceof RecordRefusedException refused
                ? refused.reason()
                : ((MappingException) caught).reason();
        outcomeOf(exchange).rejected(exchange.getProperty(NATIVE_RECORD, NativeRecord.class), reason);
    }

    private static RecordOutcome outcomeOf(Exchange exchange) {
        return exchange.getProperty(OUTCOME, RecordOutcome.class);
    }

    /** The hub could not decide on a record (or its outcome could not be stored): retry later, in order. */
    static final class HubUndecidedException extends RuntimeException {
        HubUndecidedException(String sourceRef, Throwable cause) {
            super(sourceRef + " is undecided: " + cause, cause);
        }
    }
}
