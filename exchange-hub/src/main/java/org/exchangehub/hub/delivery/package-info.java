/**
 * Guaranteed delivery: subscriptions (which receiver gets which record types, pushed or pulled), a delivery row per
 * anchored record and push subscriber written with the anchoring, a dispatcher that hands each to the receiver's
 * outbound route ({@code direct:deliver-<receiver>}) with retries and exponential backoff, and a dead-letter table an
 * operator can list, inspect and replay.
 */
package org.exchangehub.hub.delivery;
