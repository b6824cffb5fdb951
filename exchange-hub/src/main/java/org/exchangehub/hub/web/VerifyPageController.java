package org.exchangehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriUtils;

/**
 * 鉴真, the public verify page: paste a record and its receipt, upload a receipt bundle, or follow the link of a printed
 * receipt's QR code ({@code /verify/<receipt id>#<digest>}; the page's script turns the digest after {@code #} into
 * {@code ?digest=}, so the server compares it too). Every verdict comes from the hub's {@code RecordVerifier}.
 */
@Controller
class VerifyPageController {

    private final VerifyPages pages;
    private final PageAudit audit;

    VerifyPageController(VerifyPages pages, PageAudit audit) {
        this.pages = pages;
        this.audit = audit;
    }

    /** Every answer of this controller is the verify page, whose paste and upload forms POST with a CSRF token. */
    @ModelAttribute
    void csrfTokenBeforeWriting(HttpServletRequest request) {
        PageModel.csrfTokenBeforeWriting(request);
    }

    /** The forms; with {@code receiptId} (the home page's form) straight to that receipt's verdict. */
    @GetMapping("/verify")
    String form(@RequestParam(required = false) String receiptId, Model model) {
        if (receiptId != null && !receiptId.isBlank()) {
            return "redirect:/verify/" + UriUtils.encodePathSegment(receiptId.trim(), StandardCharsets.UTF_8);
        }
        model.addAttribute("offlineCommand", pages.offlineCommand());
        return "verify";
    }

    @PostMapping("/verify")
    String pasted(
            @RequestParam(required = false) String record,
            @RequestParam(required = false) String receipt,
            @RequestParam(required = false) String digest,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("record", record);
        model.addAttribute("receipt", receipt);
        model.addAttribute("digest", digest);
        return answer(() -> pages.pasted(record, receipt, digest), model, request, response);
    }

    @PostMapping("/verify/upload")
    String uploaded(
            @RequestParam(name = "bundle", required = false) MultipartFile bundle,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        return answer(
                () -> {
                    try {
                        return pages.uploaded(bundle == null ? null : bundle.getBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                model,
                request,
                response);
    }

    @GetMapping("/verify/{receiptId}")
    String receipt(
            @PathVariable String receiptId,
            @RequestParam(required = false) String digest,
            Model model,
            HttpServletRequest request) {
        if (receiptId.length() > 64) {
            throw new PageErrors.NotFound(receiptId.substring(0, 64) + "…");
        }
        VerifyView result = pages.receipt(receiptId, digest);
        audit.verified(request, result);
        model.addAttribute("result", result);
        model.addAttribute("offlineCommand", pages.offlineCommand());
        model.addAttribute("fromLink", true);
        return "verify";
    }

    private String answer(
            Supplier<VerifyView> verification, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("offlineCommand", pages.offlineCommand());
        try {
            VerifyView result = verification.get();
            audit.verified(request, result);
            model.addAttribute("result", result);
        } catch (VerifyPages.InputError e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorKey", e.key());
            model.addAttribute("errorDetail", e.getMessage());
        }
        return "verify";
    }
}
