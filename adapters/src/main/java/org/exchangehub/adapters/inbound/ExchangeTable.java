package org.exchangehub.adapters.inbound;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One exchange table of a front-end database (前置库): its name and how its rows become canonical records. The table
 * has the processing columns XH, CLZT, CLJG, HZBH, BBH and CLSJ (see {@link ExchangeTableRoute}).
 *
 * @param name the table name, e.g. {@code EXCH_CONTRACT}; letters, digits and '_' only, as it goes into SQL
 * @param mapping the row mapping, which also names the record type
 */
public record ExchangeTable(String name, NativeMapping mapping) {

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ExchangeTable {
        Objects.requireNonNull(mapping, "mapping");
        if (name == null || !SQL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a table name: " + name);
        }
    }
}
