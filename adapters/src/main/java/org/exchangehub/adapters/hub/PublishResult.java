package org.exchangehub.adapters.hub;

/**
 * The hub's answer on {@link HubEndpoints#PUBLISH}: the version stored and its receipt id.
 *
 * @param created false when the record was there already (a repeat), so nothing new was stored
 */
public record PublishResult(String type, String id, int version, String receiptId, boolean created) {}
