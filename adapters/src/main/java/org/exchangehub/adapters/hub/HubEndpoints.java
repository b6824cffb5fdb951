package org.exchangehub.adapters.hub;

/** The Camel endpoints between the adapters and the hub. */
public final class HubEndpoints {

    /**
     * Served by the hub: publish the {@link CanonicalRecord} in the body for the agency in header {@link
     * HubHeaders#AGENCY}. Answers with a {@link PublishResult} body; throws {@link RecordRefusedException} when the
     * record is refused (retrying will not help), any other exception when the hub could not decide (retry later).
     */
    public static final String PUBLISH = "direct:publish";

    /**
     * Served by the hub: update the public listing (楼盘公示, 房屋销控) with the {@link ListingUpdate} in the body. The
     * portal adapter sends here what it may show the public.
     */
    public static final String LISTING_UPDATE = "direct:listing-update";

    private HubEndpoints() {}

    /**
     * Served by a receiver's outbound route, called by the hub's delivery dispatcher with a {@link Delivery} body once
     * the record is anchored. Returning normally means delivered; an exception means retry later.
     */
    public static String deliver(String receiver) {
        return "direct:deliver-" + receiver;
    }
}
