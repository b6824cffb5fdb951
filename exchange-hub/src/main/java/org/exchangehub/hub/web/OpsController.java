package org.exchangehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.exchangehub.hub.api.ApiException;
import org.exchangehub.hub.audit.AuditChainCheck;
import org.exchangehub.hub.audit.AuditLog;
import org.exchangehub.hub.delivery.DeadLetterService;
import org.exchangehub.hub.delivery.DeliveryProperties;
import org.exchangehub.hub.delivery.DeliveryStore;
import org.exchangehub.hub.ledger.NotaryBatch;
import org.exchangehub.hub.ledger.NotaryLedger;
import org.exchangehub.hub.ledger.embedded.EmbeddedLedgerGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The operators' pages under {@code /ops} (Spring Security lets only logged-in operators in): the dashboard, dead
 * letters to inspect and replay (through {@link DeadLetterService}, as the API does), the audit log with its chain
 * check, and the ledger with its chain check and batches. Replays are POSTs with the CSRF token, answered by a
 * redirect.
 */
@Controller
@RequestMapping("/ops")
class OpsController {

    private static final int LIST_LIMIT = 200;
    private static final int LEDGER_PAGE = 50;

    private final DashboardFigures figures;
    private final DeliveryStore deliveries;
    private final DeadLetterService deadLetters;
    private final DeliveryProperties deliveryProperties;
    private final AuditLog audit;
    private final AuditChainCheck auditCheck;
    private final NotaryLedger ledger;
    private final PageAudit pageAudit;

    OpsController(
            DashboardFigures figures,
            DeliveryStore deliveries,
            DeadLetterService deadLetters,
            DeliveryProperties deliveryProperties,
            AuditLog audit,
            JdbcClient jdbc,
            NotaryLedger ledger,
            PageAudit pageAudit) {
        this.figures = figures;
        this.deliveries = deliveries;
        this.deadLetters = deadLetters;
        this.deliveryProperties = deliveryProperties;
        this.audit = audit;
        this.auditCheck = new AuditChainCheck(jdbc, ledger);
        this.ledger = ledger;
        this.pageAudit = pageAudit;
    }

    @GetMapping
    String dashboard(Model model) {
        DashboardFigures.Throughput throughput = figures.throughput();
        model.addAttribute("throughput", throughput);
        model.addAttribute("chart", ThroughputChart.of(throughput));
        model.addAttribute("pendingLeaves", figures.pendingLeaves());
        model.addAttribute("sealedBatches", figures.sealedBatches());
        model.addAttribute("batches", figures.lastBatches());
        model.addAttribute("ledger", figures.ledger());
        model.addAttribute("deliveries", deliveries.counts());
        return "ops/dashboard";
    }

    @GetMapping("/dead-letters")
    String deadLetters(@RequestParam(required = false) String receiver, Model model) {
        Optional<String> only = blank(receiver);
        model.addAttribute("receiver", only.orElse(""));
        model.addAttribute("receivers", deliveryProperties.pushEndpoints().keySet());
        model.addAttribute("letters", deliveries.deadLetters(only, LIST_LIMIT));
        return "ops/dead-letters";
    }

    @GetMapping("/dead-letters/{deliveryId}")
    String deadLetter(@PathVariable String deliveryId, Model model) {
        model.addAttribute(
                "letter", deliveries.deadLetter(deliveryId).orElseThrow(() -> new PageErrors.NotFound(deliveryId)));
        model.addAttribute("delivery", deliveries.delivery(deliveryId).orElse(null));
        return "ops/dead-letter";
    }

    @PostMapping("/dead-letters/{deliveryId}/replay")
    String replay(@PathVariable String deliveryId, HttpServletRequest request, RedirectAttributes redirect) {
        Optional<DeliveryStore.DeadLetter> letter = deliveries.deadLetter(deliveryId);
        String type = letter.map(DeliveryStore.DeadLetter::recordType).orElse(null);
        String id = letter.map(DeliveryStore.DeadLetter::recordId).orElse(null);
        try {
            deadLetters.replay(deliveryId);
            pageAudit.replayed(request, type, id, 202, null);
            redirect.addFlashAttribute("replayed", List.of(deliveryId));
        } catch (ApiException e) {
            pageAudit.replayed(
                    request, type, id, e.problem().status().value(), e.problem().name());
            redirect.addFlashAttribute("replayError", e.getMessage());
        }
        return "redirect:"
                + deadLettersOf(letter.map(DeliveryStore.DeadLetter::receiver).orElse(""));
    }

    @PostMapping("/dead-letters/replay")
    String replayAll(@RequestParam String receiver, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            List<String> replayed = deadLetters.replayAll(receiver);
            pageAudit.replayed(request, null, null, 202, null);
            redirect.addFlashAttribute("replayed", replayed);
        } catch (ApiException e) {
            pageAudit.replayed(
                    request,
                    null,
                    null,
                    e.problem().status().value(),
                    e.problem().name());
            redirect.addFlashAttribute("replayError", e.getMessage());
        }
        return "redirect:" + deadLettersOf(receiver);
    }

    @GetMapping("/audit")
    String audit(
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String recordType,
            @RequestParam(required = false) String recordId,
            @RequestParam(defaultValue = "false") boolean check,
            Model model) {
        Optional<String> type = blank(recordType).map(t -> t.toUpperCase(Locale.ROOT));
        model.addAttribute("agency", blank(agency).orElse(""));
        model.addAttribute("recordType", type.orElse(""));
        model.addAttribute("recordId", blank(recordId).orElse(""));
        model.addAttribute(
                "entries",
                audit.recent(
                        blank(agency).orElse(null),
                        type.orElse(null),
                        blank(recordId).orElse(null),
                        LIST_LIMIT));
        model.addAttribute("head", audit.head());
        model.addAttribute("pending", audit.pendingCount());
        if (check) {
            model.addAttribute("check", auditCheck.check());
        }
        return "ops/audit";
    }

    @GetMapping("/ledger")
    String ledger(
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "false") boolean check,
            Model model) {
        List<NotaryBatch> batches = ledger.batches(Math.max(0, after), LEDGER_PAGE);
        model.addAttribute("state", figures.ledger());
        model.addAttribute("embedded", ledger.gateway() instanceof EmbeddedLedgerGateway);
        model.addAttribute("batches", batches);
        model.addAttribute("after", after);
        model.addAttribute(
                "nextAfter",
                batches.size() >= LEDGER_PAGE ? batches.get(batches.size() - 1).sequence() : null);
        if (check && ledger.gateway() instanceof EmbeddedLedgerGateway embedded) {
            model.addAttribute("chainCheck", embedded.checkChain());
        }
        return "ops/ledger";
    }

    @GetMapping("/ledger/batches/{batchId}")
    String batch(@PathVariable String batchId, Model model) {
        Optional<NotaryBatch> onLedger = ledger.batch(batchId);
        var inHub = figures.batch(batchId);
        if (onLedger.isEmpty() && inHub.isEmpty()) {
            throw new PageErrors.NotFound(batchId);
        }
        model.addAttribute("batchId", batchId);
        model.addAttribute("onLedger", onLedger.orElse(null));
        model.addAttribute("inHub", inHub.orElse(null));
        model.addAttribute("records", figures.batchRecords(batchId, LIST_LIMIT));
        return "ops/batch";
    }

    private static String deadLettersOf(String receiver) {
        return UriComponentsBuilder.fromPath("/ops/dead-letters")
                .queryParamIfPresent("receiver", blank(receiver))
                .encode()
                .build()
                .toUriString();
    }

    private static Optional<String> blank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
