package org.exchangehub.hub.web;

import java.util.List;
import java.util.Locale;

/**
 * The sale statuses of the 销控表, in the order of the legend. Each has a colour (its CSS class) and a short text shown
 * in the cell, so colour is never the only sign of a unit's status.
 */
enum SaleStatus {
    AVAILABLE,
    RESERVED,
    SIGNED,
    FILED,
    REGISTERED,
    NOT_FOR_SALE;

    static final List<SaleStatus> LEGEND = List.of(values());

    /** The CSS class: {@code s-available}, {@code s-signed}, ... */
    public String cssClass() {
        return "s-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The status of a listing value, unknown ones shown as not for sale. */
    static SaleStatus of(String value) {
        try {
            return value == null ? NOT_FOR_SALE : valueOf(value);
        } catch (IllegalArgumentException e) {
            return NOT_FOR_SALE;
        }
    }
}
