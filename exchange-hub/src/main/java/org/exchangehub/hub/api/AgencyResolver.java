package org.exchangehub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the agency the security filter identified for this request (from its client certificate, or in
 * development mode from the {@value #HEADER} header) and left in the request attribute {@link #ATTRIBUTE}.
 */
@Component
public class AgencyResolver {

    /** The development-only header naming the calling agency ({@code hub.dev.agency-header=true}). */
    public static final String HEADER = "X-Hub-Agency";

    /** The request attribute holding the identified agency's name. */
    public static final String ATTRIBUTE = AgencyResolver.class.getName() + ".agency";

    /** The request attribute holding the name of the logged-in operator, if an operator is calling. */
    public static final String OPERATOR_ATTRIBUTE = AgencyResolver.class.getName() + ".operator";

    /** @throws ApiException AGENCY_UNKNOWN when the caller is not identified */
    public String agency(HttpServletRequest request) {
        return identified(request)
                .orElseThrow(() -> new ApiException(
                        ApiProblem.AGENCY_UNKNOWN,
                        "the caller is not identified: agencies connect to the agency port with a client certificate"
                                + " issued by the hub's agency CA (the " + HEADER + " header counts only with"
                                + " hub.dev.agency-header=true)"));
    }

    /** The identified agency, if any. */
    public Optional<String> identified(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(ATTRIBUTE));
    }

    /** The logged-in operator calling, if any. */
    public Optional<String> operator(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(OPERATOR_ATTRIBUTE));
    }
}
