package org.exchangehub.adapters.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP answer of a simulated agency: status and JSON body. */
record SimulatorAnswer(int status, JsonNode body) {

    boolean accepted() {
        return status / 100 == 2;
    }
}
