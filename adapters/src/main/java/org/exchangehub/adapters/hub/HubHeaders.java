package org.exchangehub.adapters.hub;

/** Message headers on the hub's endpoints, and the HTTP header a pushed delivery carries. */
public final class HubHeaders {

    /** On {@link HubEndpoints#PUBLISH}: the agency publishing (e.g. {@code housing}). */
    public static final String AGENCY = "HubAgency";

    /**
     * On {@link HubEndpoints#PUBLISH}: where the record came from, e.g. {@code EXCH_CONTRACT#17} or {@code
     * contracts-20261123.xml#3}; logged and audited with the record.
     */
    public static final String SOURCE_REF = "HubSourceRef";

    /** On {@code direct:deliver-*}: the delivery's id, the same on every attempt, so a receiver can drop repeats. */
    public static final String DELIVERY_ID = "HubDeliveryId";

    /** On {@code direct:deliver-*}: the receiver the delivery is for. */
    public static final String RECEIVER = "HubReceiver";

    /** The HTTP header carrying {@link #DELIVERY_ID} on a push to an agency's endpoint. */
    public static final String HTTP_DELIVERY_ID = "X-Hub-Delivery-Id";

    private HubHeaders() {}
}
