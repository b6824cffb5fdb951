package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pages of a real, anchored record (long pages: a verdict with its checks and Merkle path, a printable receipt)
 * answer whole in both languages to a visitor the hub has never seen: no session yet, or a session cookie it does not
 * know. A page with a form needs a CSRF token, and the token needs a session; made while the page was being written,
 * after its first 8 KB had gone out, the session could no longer be set and the page ended there.
 */
class WholePagesTests extends WebTestBase {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void theVerdictAndReceiptPagesOfARecordAreWholeForANewVisitorInEitherLanguage() {
        // a batch of many records gives a long Merkle path, and so a long page before its forms
        String code = unique("WP-");
        for (int i = 0; i < 300; i++) {
            String other = code + "-" + i;
            publish("UNIT", other, unit(other, "WP-B", "WP-P", 3, "3" + i, "AVAILABLE", 1_250_000));
        }
        publish("CONTRACT", code, contract(code, code + "-1", "SIGNED"));
        anchor();
        var receipt = receiptJson("CONTRACT", code, 1);
        String receiptId = receipt.path("receiptId").asText();
        String digest = receipt.path("digest").asText();

        assertThat(get("/verify/" + receiptId + "?lang=en", null)
                        .body()
                        .substring(0, 8192)
                        .contains("paste-form"))
                .as("the English verdict page is long enough that its first 8 KB (Tomcat's response buffer) are sent"
                        + " before its first form")
                .isFalse();

        List<String> problems = new ArrayList<>();
        for (String path : List.of(
                "/verify/" + receiptId,
                "/verify/" + receiptId + "?digest=" + digest,
                "/verify/" + receiptId + "?digest=" + "0".repeat(64),
                "/receipts/" + receiptId)) {
            for (String language : List.of("zh", "en")) {
                String asked = path + (path.contains("?") ? "&" : "?") + "lang=" + language;
                for (String cookie : new String[] {null, "JSESSIONID=0123456789ABCDEF0123456789ABCDEF"}) {
                    String where = asked + (cookie == null ? " without a session" : " with an unknown session");
                    HttpResponse<String> answer;
                    try {
                        answer = get(asked, cookie);
                    } catch (UncheckedIOException e) {
                        problems.add(where + ": the answer broke off ("
                                + e.getCause().getMessage() + ")");
                        continue;
                    }
                    where += " (" + answer.body().length() + " characters)";
                    if (answer.statusCode() != 200) {
                        problems.add(where + ": status " + answer.statusCode());
                    }
                    if (!answer.body().stripTrailing().endsWith("</html>")) {
                        problems.add(where + ": cut off after " + answer.body().length() + " characters");
                    }
                    if (!answer.body().contains("<html lang=\"" + ("en".equals(language) ? "en" : "zh-CN") + "\"")) {
                        problems.add(where + ": not in the asked language");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
