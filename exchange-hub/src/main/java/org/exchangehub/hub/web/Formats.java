package org.exchangehub.hub.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the templates write times, money, areas and hashes ({@code ${@fmt.time(...)}}): times in the hub's time zone
 * with their offset, yuan with thousands separators, long hashes shortened for tables (the full value stays in the
 * element's title).
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private final ZoneId zone = ZoneId.systemDefault();

    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }

    public String isoTime(String isoInstant) {
        try {
            return isoInstant == null ? "—" : time(Instant.parse(isoInstant));
        } catch (java.time.format.DateTimeParseException e) {
            return isoInstant;
        }
    }

    public String money(BigDecimal yuan) {
        return yuan == null ? "—" : "¥" + decimal().format(yuan);
    }

    public String area(BigDecimal squareMetres) {
        return squareMetres == null ? "—" : squareMetres.setScale(2, java.math.RoundingMode.HALF_UP) + " m²";
    }

    public String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** The first 12 hex digits and an ellipsis. */
    public String shortHash(String hash) {
        return hash == null ? "—" : hash.length() <= 16 ? hash : hash.substring(0, 12) + "…";
    }

    private static DecimalFormat decimal() {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
