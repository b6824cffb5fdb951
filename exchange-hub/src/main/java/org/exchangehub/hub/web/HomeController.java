package org.exchangehub.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page, linking to every page, and the operators' login form (Spring Security handles {@code POST /login}: a
 * wrong password comes back to {@code /login?error}, a logout to {@code /login?logout}).
 */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }

    @GetMapping("/login")
    String login(HttpServletRequest request) {
        PageModel.csrfTokenBeforeWriting(request);
        return "login";
    }
}
