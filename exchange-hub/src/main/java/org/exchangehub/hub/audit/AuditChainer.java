package org.exchangehub.hub.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives pending audit entries their place in the hash chain, every {@code hub.audit.chain-interval} (default 200 ms),
 * off the request path. Every hub instance runs one; they take turns on the chain head's row lock, so whichever holds
 * it chains everything pending, its own instance's entries and the others', and the next finds less or nothing. A
 * round that fails (the database away) leaves the entries pending for the next round, here or on another instance.
 */
@Component
public class AuditChainer {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    private final AuditLog audit;
    private final AuditProperties properties;

    public AuditChainer(AuditLog audit, AuditProperties properties) {
        this.audit = audit;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${hub.audit.chain-interval:200ms}",
            initialDelayString = "${hub.audit.chain-interval:200ms}")
    void onSchedule() {
        try {
            chainAll();
        } catch (RuntimeException e) {
            log.error("Chaining the audit log failed; its pending entries are chained on the next round", e);
        }
    }

    /**
     * Chains every entry pending when called, {@code hub.audit.chain-batch} per transaction; returns how many this
     * call chained (entries another instance chained meanwhile are not counted).
     */
    public int chainAll() {
        int total = 0;
        while (true) {
            int chained = audit.chainPending(properties.chainBatch());
            total += chained;
            if (chained < properties.chainBatch()) {
                return total;
            }
        }
    }
}
