package org.exchangehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.exchangehub.hub.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every page of a hub that has no records yet (its own, fresh data folder), over plain HTTP: in both languages (by
 * {@code ?lang=}, by the language cookie, and whatever the {@code Accept-Language} header asks), without a session,
 * with a session the hub does not know, with a visitor's session and with the operator's. Each answers the status it
 * should (never 5xx) with a whole page in the asked language and no server error in it. Then the forms with what a
 * hostile visitor sends: text that is not JSON, duplicate members, huge fields, the wrong content type, odd characters
 * in the search, the operators' forms without their CSRF token.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.notary.enabled=false",
            "hub.delivery.enabled=false",
            "hub.audit.enabled=false",
            "hub.security.operator.username=operator",
            "hub.security.operator.password=" + EmptyHubPagesTests.OPERATOR_PASSWORD,
            "hub.security.agency-tls.port=0"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmptyHubPagesTests {

    static final String OPERATOR_PASSWORD = "empty-hub-operator-secret";
    static final Path DATA = TestDatabases.dataDirectory(EmptyHubPagesTests.class);
    private static final String UNKNOWN_RECEIPT = "rc-unknown-0001";
    private static final String DIGEST = "ab".repeat(32);
    /** What Chromium asks for when it opens a page. */
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** The ways a visitor can come: no cookie, a session the hub does not know, a visitor's session, the operator's. */
    private final Map<String, Optional<String>> sessions = new java.util.LinkedHashMap<>();

    private String operatorSession;

    /** A visitor's session and the CSRF token of its forms, as a browser that opened the verify page has them. */
    private String visitorSession;

    private String visitorToken;

    @BeforeAll
    void sessions() {
        sessions.put("no session", Optional.empty());
        sessions.put("an unknown session", Optional.of("JSESSIONID=0123456789ABCDEF0123456789ABCDEF"));
        HttpResponse<String> verifyPage = get("/verify", null, null);
        visitorSession = sessionCookie(verifyPage);
        visitorToken = csrfToken(verifyPage.body());
        sessions.put("a visitor's session", Optional.of(visitorSession));
        operatorSession = logIn();
        sessions.put("the operator's session", Optional.of(operatorSession));
    }

    /** A page and the status it answers on an empty hub. */
    record Page(String path, int status) {}

    static final List<Page> PUBLIC_PAGES = List.of(
            new Page("/", 200),
            new Page("/verify", 200),
            new Page("/verify?receiptId=", 200),
            new Page("/verify/" + UNKNOWN_RECEIPT, 200),
            new Page("/verify/" + UNKNOWN_RECEIPT + "?digest=" + DIGEST, 200),
            new Page("/verify/" + UNKNOWN_RECEIPT + "?digest=not-a-digest", 200),
            new Page("/verify/" + "x".repeat(65), 404),
            new Page("/receipts/" + UNKNOWN_RECEIPT, 404),
            new Page("/receipts/" + "x".repeat(65), 404),
            new Page("/listings", 200),
            new Page("/listings?district=" + enc("江宁") + "&name=" + enc("<b>") + "&developer=%25", 200),
            new Page("/listings/projects/NO-SUCH-PROJECT", 404),
            new Page("/listings/buildings/NO-SUCH-BUILDING", 404),
            new Page("/listings/units/NO-SUCH-UNIT", 404),
            new Page("/login", 200),
            new Page("/login?error", 200),
            new Page("/login?logout", 200));

    static final List<Page> OPS_PAGES = List.of(
            new Page("/ops", 200),
            new Page("/ops/dead-letters", 200),
            new Page("/ops/dead-letters?receiver=tax", 200),
            new Page("/ops/dead-letters?receiver=" + enc("<no such receiver>"), 200),
            new Page("/ops/dead-letters/d-no-such-delivery", 404),
            new Page("/ops/audit", 200),
            new Page("/ops/audit?agency=housing&recordType=unit&recordId=" + enc("'; --"), 200),
            new Page("/ops/audit?check=true", 200),
            new Page("/ops/ledger", 200),
            new Page("/ops/ledger?after=1000", 200),
            new Page("/ops/ledger?after=-5", 200),
            new Page("/ops/ledger?check=true", 200),
            new Page("/ops/ledger?after=not-a-number", 400),
            new Page("/ops/ledger/batches/no-such-batch", 404));

    /** How the language is asked for, and the {@code lang} of the page that must answer. */
    record Language(String name, String query, String cookie, String acceptLanguage, String htmlLang) {}

    static final List<Language> LANGUAGES = List.of(
            new Language("?lang=zh", "lang=zh", null, null, "zh-CN"),
            new Language("?lang=en", "lang=en", null, null, "en"),
            new Language("the language cookie (en)", null, "hub-lang=en", null, "en"),
            new Language("Accept-Language: en (the pages stay Chinese)", null, null, "en-US,en;q=0.9", "zh-CN"),
            new Language("Accept-Language: zh-CN", null, null, "zh-CN,zh;q=0.9", "zh-CN"),
            new Language("?lang=fr (Chinese)", "lang=fr", null, "fr", "zh-CN"));

    @Nested
    class PublicPages {

        @Test
        void everyPageAnswersWholeInEitherLanguageWithOrWithoutASession() {
            List<String> problems = new ArrayList<>();
            for (Page page : PUBLIC_PAGES) {
                for (Language language : LANGUAGES) {
                    sessions.forEach((sessionName, session) ->
                            problems.addAll(checkPage(page, language, session, sessionName + ", " + language.name())));
                }
            }
            assertThat(problems).isEmpty();
        }

        @Test
        void theReceiptNumberFormLeadsToThatReceiptsVerdict() {
            HttpResponse<String> answer = get("/verify?receiptId=" + enc(" " + UNKNOWN_RECEIPT + " "), null, null);
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/verify/" + UNKNOWN_RECEIPT);
        }

        @Test
        void theReceiptsFilesOfAnUnknownReceiptAreNotFound() {
            for (String file : List.of("qr.png", "receipt.json", "record.json", "bundle.json")) {
                HttpResponse<String> answer = get("/receipts/" + UNKNOWN_RECEIPT + "/" + file, null, null);
                assertThat(answer.statusCode()).as(file).isEqualTo(404);
                assertThat(answer.body()).as(file).doesNotContainIgnoringCase("exception");
            }
        }

        @Test
        void theStaticFilesAreServed() {
            for (String file :
                    List.of("/css/hub.css", "/js/verify.js", "/js/ops.js", "/img/favicon.svg", "/favicon.ico")) {
                HttpResponse<String> answer = get(file, null, null);
                assertThat(answer.statusCode()).as(file).isEqualTo(200);
                assertThat(answer.body()).as(file).isNotEmpty();
            }
            assertThat(get("/css/no-such.css", null, null).statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class OperatorPages {

        @Test
        void everyOperatorPageAnswersWholeOnAnEmptyHubInEitherLanguage() {
            List<String> problems = new ArrayList<>();
            for (Page page : OPS_PAGES) {
                for (Language language : LANGUAGES) {
                    problems.addAll(
                            checkPage(page, language, Optional.of(operatorSession), "operator, " + language.name()));
                }
            }
            assertThat(problems).isEmpty();
        }

        @Test
        void withoutTheOperatorsSessionEveryOperatorPageLeadsToTheLogin() {
            for (Page page : OPS_PAGES) {
                for (Map.Entry<String, Optional<String>> session : sessions.entrySet()) {
                    if (session.getValue().filter(operatorSession::equals).isPresent()) {
                        continue;
                    }
                    HttpResponse<String> answer =
                            get(page.path(), session.getValue().orElse(null), null);
                    assertThat(answer.statusCode())
                            .as("%s with %s", page.path(), session.getKey())
                            .isEqualTo(302);
                    assertThat(answer.headers().firstValue("Location").orElseThrow())
                            .as("%s with %s", page.path(), session.getKey())
                            .endsWith("/login");
                }
            }
        }
    }

    @Nested
    class HostileForms {

        @Test
        void theVerifyFormRefusesTextThatIsNotJsonWithItsPage() {
            for (String record : List.of(
                    "not json",
                    "{",
                    "[1, 2",
                    "\u0000\u0001",
                    "{\"type\": \"UNIT\", \"id\": \"x\"}}",
                    "1e999999",
                    "\"\\ud800\"",
                    "[".repeat(5000),
                    "{\"a\":".repeat(3000))) {
                HttpResponse<String> answer = visitorPost(Map.of("record", record));
                assertReadableRefusal(answer, "record " + abbreviated(record));
            }
        }

        @Test
        void theVerifyFormAnswersDuplicateMembersAndOddReceiptsWithoutServerError() {
            List<Map<String, String>> forms = List.of(
                    Map.of(
                            "record",
                            "{\"type\":\"UNIT\",\"type\":\"PROJECT\",\"id\":\"x\",\"version\":1,\"payload\":{}}"),
                    Map.of("record", "{\"type\":\"UNIT\",\"id\":\"x\",\"version\":1,\"payload\":{\"a\":1,\"a\":2}}"),
                    Map.of("record", "{\"record\":{},\"receipt\":{},\"receipt\":[]}"),
                    Map.of("record", "{}", "receipt", "{\"receiptId\":\"x\",\"receiptId\":\"y\"}"),
                    Map.of("record", "{}", "receipt", "[]"),
                    Map.of("record", "{\"type\":1,\"id\":[],\"version\":\"x\",\"payload\":null}"),
                    Map.of("record", "{\"type\":\"UNIT\",\"id\":\"x\",\"payload\":{\"n\":1e400}}"),
                    Map.of("digest", "zz"),
                    Map.of("digest", DIGEST),
                    Map.of("digest", DIGEST.repeat(100)),
                    Map.of());
            for (Map<String, String> form : forms) {
                HttpResponse<String> answer = visitorPost(form);
                assertThat(answer.statusCode()).as("%s", form).isLessThan(500);
                assertWholePage(answer, "POST /verify " + form);
            }
        }

        @Test
        void aHugeVerifyFormIsRefusedWithoutServerError() {
            HttpResponse<String> answer = visitorPost(Map.of("record", "{\"x\":\"" + "a".repeat(3_000_000) + "\"}"));
            assertThat(answer.statusCode()).isBetween(400, 499);
        }

        @Test
        void theVerifyFormInTheWrongContentTypeIsRefusedWithoutServerError() {
            for (String type :
                    List.of("application/json", "text/plain", "application/xml", "multipart/form-data", "")) {
                HttpRequest.Builder request = visitor(HttpRequest.newBuilder(uri("/verify")))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"record\":{}}"));
                if (!type.isEmpty()) {
                    request.header("Content-Type", type);
                }
                HttpResponse<String> answer = send(request);
                assertThat(answer.statusCode()).as(type).isBetween(400, 499);
                assertThat(answer.body()).as(type).doesNotContain("Exception").doesNotContain("Whitelabel");
            }
        }

        @Test
        void theUploadFormRefusesFilesThatAreNotBundlesWithItsPage() {
            for (byte[] content : List.of(
                    new byte[0],
                    "not json".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1},
                    "[]".getBytes(StandardCharsets.UTF_8),
                    "{\"record\":1,\"record\":2}".getBytes(StandardCharsets.UTF_8))) {
                HttpResponse<String> answer = send(visitor(HttpRequest.newBuilder(uri("/verify/upload")))
                        .header("Content-Type", "multipart/form-data; boundary=XyZ")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("bundle", content))));
                assertReadableRefusal(answer, "upload of " + content.length + " bytes");
            }
            HttpResponse<String> noPart = send(visitor(HttpRequest.newBuilder(uri("/verify/upload")))
                    .header("Content-Type", "multipart/form-data; boundary=XyZ")
                    .POST(HttpRequest.BodyPublishers.ofString("--XyZ--\r\n")));
            assertReadableRefusal(noPart, "upload without a file");
        }

        @Test
        void theSearchTakesOddCharactersWithoutServerError() {
            for (String value : List.of(
                    "<script>alert(1)</script>",
                    "'; DROP TABLE record_version; --",
                    "%",
                    "_",
                    "\\",
                    "\u0000",
                    "\uD83C\uDFE0",
                    "江宁".repeat(200),
                    " ")) {
                for (String parameter : List.of("district", "name", "developer")) {
                    Page page = new Page("/listings?" + parameter + "=" + enc(value), 200);
                    assertThat(checkPage(
                                    page, LANGUAGES.get(0), Optional.empty(), parameter + "=" + abbreviated(value)))
                            .isEmpty();
                }
            }
            // not even a valid URI for java.net.URI: sent as raw HTTP
            for (String path : List.of(
                    "/listings?district=%zz",
                    "/listings?district=%E6%B1",
                    "/listings?district=" + "%E6%B1%9F".repeat(3000),
                    "/listings/units/%00",
                    "/verify/%C0%AE",
                    "/listings/projects/<script>")) {
                String answer = rawGet(path);
                assertThat(answer).as(path).matches("(?s)HTTP/1\\.1 [1-4]\\d\\d .*");
                assertThat(answer).as(path).doesNotContain("Exception");
            }
        }

        @Test
        void theVerifyFormWithoutItsCsrfTokenIsRefused() {
            HttpResponse<String> answer = postForm("/verify", Map.of("digest", DIGEST), visitorSession);
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("Exception");
        }

        @Test
        void theOperatorsFormsWithoutTheirCsrfTokenAreRefusedAndChangeNothing() {
            for (String path :
                    List.of("/ops/dead-letters/replay", "/ops/dead-letters/d-no-such-delivery/replay", "/logout")) {
                HttpResponse<String> answer = postForm(path, Map.of("receiver", "tax"), operatorSession);
                assertThat(answer.statusCode()).as(path).isEqualTo(403);
                assertThat(answer.body()).as(path).doesNotContain("Exception");
            }
            assertThat(get("/ops", operatorSession, null).statusCode())
                    .as("still logged in after the refused logout")
                    .isEqualTo(200);
        }

        @Test
        void theOperatorsFormsWithTheirTokenAnswerUnknownLettersAndReceiversWithTheirPage() {
            String token =
                    csrfToken(get("/ops/dead-letters", operatorSession, null).body());
            for (Map<String, String> form : List.of(
                    Map.of("_csrf", token, "receiver", "no-such-receiver"),
                    Map.of("_csrf", token, "receiver", ""),
                    Map.of("_csrf", token))) {
                HttpResponse<String> answer = postForm("/ops/dead-letters/replay", form, operatorSession);
                assertThat(answer.statusCode()).as("%s", form).isIn(302, 400);
                if (answer.statusCode() == 400) {
                    assertWholePage(answer, "replay all " + form);
                }
            }
            HttpResponse<String> one =
                    postForm("/ops/dead-letters/d-no-such-delivery/replay", Map.of("_csrf", token), operatorSession);
            assertThat(one.statusCode()).isEqualTo(302);
            HttpResponse<String> after = get(
                    one.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""),
                    operatorSession,
                    null);
            assertThat(after.statusCode()).isEqualTo(200);
            assertWholePage(after, "the dead letters after a refused replay");
        }
    }

    /** The problems of one page asked in one language with one session: none when it is right. */
    private List<String> checkPage(Page page, Language language, Optional<String> session, String how) {
        String path = page.path();
        if (language.query() != null) {
            path += (path.contains("?") ? "&" : "?") + language.query();
        }
        String cookies = Stream.of(session.orElse(null), language.cookie())
                .filter(c -> c != null)
                .collect(Collectors.joining("; "));
        HttpResponse<String> answer = get(path, cookies.isEmpty() ? null : cookies, language.acceptLanguage());
        List<String> problems = new ArrayList<>();
        String where = path + " (" + how + ")";
        if (answer.statusCode() != page.status()) {
            problems.add(where + ": status " + answer.statusCode() + " instead of " + page.status());
        }
        String body = answer.body();
        if (!body.stripTrailing().endsWith("</html>")) {
            problems.add(where + ": cut off after " + body.length() + " characters");
        }
        if (!body.contains("<html lang=\"" + language.htmlLang() + "\"")) {
            problems.add(where + ": not <html lang=\"" + language.htmlLang() + "\">");
        }
        for (String sign : List.of("Exception", "Whitelabel", "Internal Server Error", "\tat org.", "status=500")) {
            if (body.contains(sign)) {
                problems.add(where + ": the page shows a server error (" + sign + ")");
            }
        }
        return problems;
    }

    private static void assertReadableRefusal(HttpResponse<String> answer, String what) {
        assertThat(answer.statusCode()).as(what).isEqualTo(400);
        assertWholePage(answer, what);
        assertThat(answer.body()).as(what).contains("role=\"alert\"");
    }

    private static void assertWholePage(HttpResponse<String> answer, String what) {
        assertThat(answer.body().stripTrailing()).as(what).endsWith("</html>");
        assertThat(answer.body())
                .as(what)
                .doesNotContain("Exception")
                .doesNotContain("Whitelabel")
                .doesNotContain("Internal Server Error");
    }

    /** Logs the operator in through the login form (with its CSRF token) and returns the session cookie. */
    private String logIn() {
        HttpResponse<String> form = get("/login", null, null);
        String session = sessionCookie(form);
        HttpResponse<String> answer = postForm(
                "/login",
                Map.of("username", "operator", "password", OPERATOR_PASSWORD, "_csrf", csrfToken(form.body())),
                session);
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return sessionCookie(answer);
    }

    private static String sessionCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + answer.headers()));
    }

    private static String csrfToken(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }

    private HttpResponse<String> get(String path, String cookies, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Accept", BROWSER_ACCEPT)
                .GET();
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return send(request);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields, String cookies) {
        String body = fields.entrySet().stream()
                .map(f -> enc(f.getKey()) + "=" + enc(f.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Accept", BROWSER_ACCEPT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return send(request);
    }

    /** A POST of the verify form as the visitor's browser sends it: its session, its token. */
    private HttpResponse<String> visitorPost(Map<String, String> fields) {
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("_csrf", visitorToken);
        return postForm("/verify", form, visitorSession);
    }

    /** The visitor's session and CSRF token on a request (the token as Spring Security's header). */
    private HttpRequest.Builder visitor(HttpRequest.Builder request) {
        return request.header("Accept", BROWSER_ACCEPT)
                .header("Cookie", visitorSession)
                .header("X-CSRF-TOKEN", visitorToken);
    }

    /** A GET written by hand on a socket, for paths that java.net.URI refuses; the whole answer as text. */
    private String rawGet(String path) {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + BROWSER_ACCEPT
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] multipart(String name, byte[] content) {
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"" + name
                        + "\"; filename=\"bundle.json\"\r\nContent-Type: application/json\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        return all;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
