package org.exchangehub.adapters.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one native record by the agency's own names (table columns, XML elements, CSV headers), read as the
 * canonical model needs them; every bad or missing value is a {@link MappingException} naming the field.
 *
 * <p>Values may come typed (JDBC: {@link Number}, {@link java.sql.Date}) or as text (files), so each reader accepts
 * both; dates as text are GB/T 7408 basic {@code yyyyMMdd} or extended {@code yyyy-MM-dd}.
 */
public final class NativeFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ?> values;

    public NativeFields(Map<String, ?> values) {
        this.values = values;
    }

    public Optional<String> optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    public String text(String name) {
        return optionalText(name).orElseThrow(() -> new MappingException(name + " is missing"));
    }

    public Optional<Integer> optionalInteger(String name) {
        Object value = values.get(name);
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Optional.of(((Number) value).intValue());
        }
        return optionalText(name).map(text -> {
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                throw new MappingException(name + " '" + text + "' is not a whole number");
            }
        });
    }

    public int integer(String name) {
        return optionalInteger(name).orElseThrow(() -> new MappingException(name + " is missing"));
    }

    /** A decimal with the scale the agency wrote, so 98.70 stays 98.70. */
    public Optional<BigDecimal> optionalDecimal(String name) {
        Object value = values.get(name);
        if (value instanceof BigDecimal decimal) {
            return Optional.of(decimal);
        }
        return optionalText(name).map(text -> {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new MappingException(name + " '" + text + "' is not a decimal number");
            }
        });
    }

    public BigDecimal decimal(String name) {
        return optionalDecimal(name).orElseThrow(() -> new MappingException(name + " is missing"));
    }

    public Optional<LocalDate> optionalDate(String name) {
        Object value = values.get(name);
        if (value instanceof LocalDate date) {
            return Optional.of(date);
        }
        if (value instanceof java.sql.Date date) {
            return Optional.of(date.toLocalDate());
        }
        return optionalText(name).map(text -> parseDate(name, text));
    }

    public LocalDate date(String name) {
        return optionalDate(name).orElseThrow(() -> new MappingException(name + " is missing"));
    }

    /** The canonical code of a native code, e.g. 住宅 to RESIDENTIAL, from a table listing every accepted value. */
    public String code(String name, Map<String, String> canonicalByNative) {
        String text = text(name);
        String code = canonicalByNative.get(text);
        if (code == null) {
            throw new MappingException(
                    name + " '" + text + "' is not one of " + String.join(", ", canonicalByNative.keySet()));
        }
        return code;
    }

    /**
     * A nested list of native records: either already structured (a list of maps, from XML) or a JSON array of
     * objects in one text column (from a table).
     */
    public List<NativeFields> list(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> items) {
            return items.stream().map(item -> nested(name, item)).toList();
        }
        String text = text(name);
        try {
            List<Map<String, Object>> items = JSON.readValue(text, new TypeReference<>() {});
            return items.stream().map(item -> nested(name, item)).toList();
        } catch (JsonProcessingException e) {
            throw new MappingException(name + " is not a JSON array of objects: " + e.getOriginalMessage());
        }
    }

    private static NativeFields nested(String name, Object item) {
        if (item instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) map;
            return new NativeFields(fields);
        }
        throw new MappingException(name + " holds " + item + ", not an object");
    }

    private static LocalDate parseDate(String name, String text) {
        try {
            return text.length() == 8
                    ? LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE)
                    : LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new MappingException(name + " '" + text + "' is not a date (yyyyMMdd or yyyy-MM-dd)");
        }
    }
}
