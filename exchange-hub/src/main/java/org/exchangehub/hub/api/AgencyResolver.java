package org.exchangehub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who is calling. Until agencies connect with client certificates, the hub can take the agency from the
 * {@value #HEADER} request header — only when {@code hub.dev.agency-header=true}, a development setting that is off by
 * default because anyone could then claim to be any agency.
 */
@Component
public class AgencyResolver {

    public static final String HEADER = "X-Hub-Agency";
    private static final Pattern AGENCY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final boolean headerAllowed;

    public AgencyResolver(@Value("${hub.dev.agency-header:false}") boolean headerAllowed) {
        this.headerAllowed = headerAllowed;
    }

    /** @throws ApiException AGENCY_UNKNOWN when the caller is not identified */
    public String agency(HttpServletRequest request) {
        if (!headerAllowed) {
            throw new ApiException(
                    ApiProblem.AGENCY_UNKNOWN,
                    "the caller is not identified: agency client certificates are not configured, and the " + HEADER
                            + " header is accepted only with hub.dev.agency-header=true");
        }
        String agency = request.getHeader(HEADER);
        if (agency == null || !AGENCY.matcher(agency).matches()) {
            throw new ApiException(
                    ApiProblem.AGENCY_UNKNOWN,
                    "header " + HEADER + " must name the calling agency (lower-case, e.g. housing), got '" + agency
                            + "'");
        }
        return agency;
    }
}
