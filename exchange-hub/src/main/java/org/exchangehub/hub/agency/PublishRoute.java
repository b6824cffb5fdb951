package org.exchangehub.hub.agency;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.exchangehub.adapters.hub.CanonicalRecord;
import org.exchangehub.adapters.hub.HubEndpoints;
import org.exchangehub.adapters.hub.HubHeaders;
import org.exchangehub.adapters.hub.PublishResult;
import org.exchangehub.adapters.hub.RecordRefusedException;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.api.ApiProblem;
import org.exchangehub.hub.audit.ActorKind;
import org.exchangehub.hub.audit.AuditEvent;
import org.exchangehub.hub.audit.AuditLog;
import org.exchangehub.hub.audit.AuditOperation;
import org.exchangehub.hub.record.PublishRequest;
import org.exchangehub.hub.record.RecordPublisher;
import org.exchangehub.hub.record.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves {@code direct:publish}: the adapters' way in, through the same checks as the REST API. A refusal becomes a
 * {@link RecordRefusedException} (the adapter marks the row or file record failed); anything else that stops the hub
 * from deciding propagates as it is (the adapter retries later). Every call is an audit entry with the status and code
 * the REST API would have answered; when that entry cannot be written the call fails and the adapter retries.
 */
@Component
class PublishRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(PublishRoute.class);

    private final RecordPublisher publisher;
    private final AuditLog audit;

    PublishRoute(RecordPublisher publisher, AuditLog audit) {
        this.publisher = publisher;
        this.audit = audit;
    }

    @Override
    public void configure() {
        from(HubEndpoints.PUBLISH).routeId("hub-publish").process(this::publish);
    }

    private void publish(Exchange exchange) throws Exception {
        String agency = exchange.getMessage().getHeader(HubHeaders.AGENCY, String.class);
        CanonicalRecord record = exchange.getMessage().getMandatoryBody(CanonicalRecord.class);
        if (agency == null || agency.isBlank()) {
            audit(ActorKind.ANONYMOUS, HubEndpoints.PUBLISH, record, null, ApiProblem.AGENCY_UNKNOWN);
            throw new RecordRefusedException(
                    ApiProblem.AGENCY_UNKNOWN.name(), "header " + HubHeaders.AGENCY + " names no agency");
        }
        try {
            RecordPublisher.Published published = publisher.publish(
                    agency, new PublishRequest(record.type(), record.id(), record.version(), record.payload()));
            StoredRecord stored = published.record();
            if (published.created()) {
                log.debug(
                        "{} published {}/{} v{} from {}",
                        agency,
                        stored.type(),
                        stored.id(),
                        stored.version(),
                        exchange.getMessage().getHeader(HubHeaders.SOURCE_REF));
            }
            exchange.getMessage()
                    .setBody(new PublishResult(
                            stored.type().name(),
                            stored.id(),
                            stored.version(),
                            stored.receiptId(),
                            published.created()));
            audit.append(new AuditEvent(
                    ActorKind.AGENCY,
                    agency,
                    AuditOperation.PUBLISH,
                    HubEndpoints.PUBLISH,
                    stored.type().name(),
                    stored.id(),
                    stored.version(),
                    published.created() ? 202 : 200,
                    null));
        } catch (ApiException e) {
            audit(ActorKind.AGENCY, agency, record, record.version(), e.problem());
            if (e.problem() == ApiProblem.LEDGER_UNAVAILABLE) {
                throw e;
            }
            throw new RecordRefusedException(e.problem().name(), e.getMessage());
        }
    }

    private void audit(ActorKind kind, String actor, CanonicalRecord record, Integer version, ApiProblem refusal) {
        audit.append(new AuditEvent(
                kind,
                actor,
                AuditOperation.PUBLISH,
                HubEndpoints.PUBLISH,
                record.type(),
                record.id(),
                version,
                refusal.status().value(),
                refusal.name()));
    }
}
