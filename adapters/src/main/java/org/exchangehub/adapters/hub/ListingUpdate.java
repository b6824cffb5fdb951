package org.exchangehub.adapters.hub;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change to the public listing, sent by the portal adapter to {@link HubEndpoints#LISTING_UPDATE}: the public view
 * of one record version, with nothing personal in it.
 *
 * @param type the record type (PROJECT, BUILDING, UNIT, CONTRACT or FILING)
 * @param id the record id
 * @param version the record version this view was made from
 * @param receiptId the receipt of that version, for a verify link
 * @param view the public fields only (no buyer, owner, identity number or phone)
 */
public record ListingUpdate(String type, String id, int version, String receiptId, JsonNode view) {}
