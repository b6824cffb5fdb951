package org.exchangehub.hub.ledger;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class LedgerProblemsTests {

    @RestController
    static class LedgerReader {
        @GetMapping("/read")
        String read() {
            throw new LedgerUnavailableException("peer0 did not answer within 5 s", null);
        }
    }

    @Test
    void answersALedgerOutageWith503AndCodeLedgerUnavailableNextToTheApisOwnProblemHandler() throws Exception {
        // the api module's handler (package-private there) is in place, as in the hub: it must not swallow the outage
        Object apiProblems = BeanUtils.instantiateClass(ClassUtils.forName(
                "org.exchangehub.hub.api.ProblemHandler", getClass().getClassLoader()));
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new LedgerReader())
                .setControllerAdvice(apiProblems, new LedgerProblems())
                .build();

        mvc.perform(get("/read").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("LEDGER_UNAVAILABLE"))
                .andExpect(jsonPath("$.type").value("urn:exchange-hub:problem:ledger-unavailable"))
                .andExpect(jsonPath("$.detail").value("peer0 did not answer within 5 s"));
    }
}
