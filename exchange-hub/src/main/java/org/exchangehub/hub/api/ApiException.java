package org.exchangehub.hub.api;

import java.util.Map;

/** A refusal with its problem code, a detail naming the values involved, and optional extra members. */
public class ApiException extends RuntimeException {

    private final ApiProblem problem;
    private final Map<String, Object> properties;

    public ApiException(ApiProblem problem, String detail) {
        this(problem, detail, Map.of());
    }

    public ApiException(ApiProblem problem, String detail, Map<String, Object> properties) {
        super(detail);
        this.problem = problem;
        this.properties = Map.copyOf(properties);
    }

    public ApiProblem problem() {
        return problem;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
