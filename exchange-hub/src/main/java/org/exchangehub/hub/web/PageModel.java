package org.exchangehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's frame needs: the {@code lang} of the page, the links that switch the language on the same page,
 * and the operator who is logged in (to show the logout button).
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    @ModelAttribute
    void frame(HttpServletRequest request, Locale locale, Model model) {
        model.addAllAttributes(frame(request, locale));
    }

    static Map<String, Object> frame(HttpServletRequest request, Locale locale) {
        boolean english = "en".equals(WebConfiguration.supported(locale).getLanguage());
        String operator = request.getRemoteUser();
        return Map.of(
                "english",
                english,
                "htmlLang",
                english ? "en" : "zh-CN",
                "langZh",
                switchTo(request, "zh"),
                "langEn",
                switchTo(request, "en"),
                "operator",
                operator == null ? "" : operator);
    }

    /**
     * Makes the CSRF token of a page's POST forms before the page is written. Spring Security makes the token when it is
     * first read and keeps it in the visitor's session, creating the session if there is none; read while Thymeleaf
     * writes the form, after the first 8 KB of the page had gone out (Tomcat's response buffer, so the response is
     * committed), the session could no longer be created (its cookie is a header), and the page ended there (a long
     * English verdict, whose forms come after the verdict). Only pages with a POST form call this, so that a visitor who
     * only reads listings gets no session.
     */
    static void csrfTokenBeforeWriting(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
    }

    /**
     * The current page in the other language: the same path and query with {@code lang} replaced. A page answering a
     * POST (a verdict) switches to the form it came from.
     */
    static String switchTo(HttpServletRequest request, String language) {
        // one leading slash: "//host/..." would be a link to another site
        String path = "/" + request.getRequestURI().replaceFirst("^/+", "");
        String query = "GET".equals(request.getMethod()) ? request.getQueryString() : null;
        if (!"GET".equals(request.getMethod()) && path.startsWith("/verify")) {
            path = "/verify";
        }
        try {
            return UriComponentsBuilder.fromUriString(path + (query == null ? "" : "?" + query))
                    .replaceQueryParam(WebConfiguration.LANGUAGE_PARAMETER, language)
                    .build()
                    .toUriString();
        } catch (IllegalArgumentException e) {
            return path + "?" + WebConfiguration.LANGUAGE_PARAMETER + "=" + language;
        }
    }
}
