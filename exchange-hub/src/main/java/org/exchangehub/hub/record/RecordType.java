package org.exchangehub.hub.record;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of record the hub exchanges (see MISSION.md), each with the agency that is its source of truth and the
 * payload field that is its key.
 */
public enum RecordType {
    /** 楼盘项目: a development project. */
    PROJECT("housing", "projectId"),
    /** 楼栋: a building of a project. */
    BUILDING("housing", "buildingId"),
    /** 房屋(户): a unit, keyed by its house code 房屋编码. */
    UNIT("housing", "houseCode"),
    /** 网签合同: an online-signed sale contract. */
    CONTRACT("housing", "contractNo"),
    /** 备案: the filing of a contract. */
    FILING("housing", "filingNo"),
    /** 完税凭证: a deed-tax clearance voucher. */
    TAX_CLEARANCE("tax", "voucherNo"),
    /** 登记结果: a registration result with its certificate number. */
    REGISTRATION("registry", "certificateNo");

    private final String sourceAgency;
    private final String keyField;

    RecordType(String sourceAgency, String keyField) {
        this.sourceAgency = sourceAgency;
        this.keyField = keyField;
    }

    /** The agency that publishes this type. */
    public String sourceAgency() {
        return sourceAgency;
    }

    /** The payload field whose value is the record's id. */
    public String keyField() {
        return keyField;
    }

    /** The type for a name such as {@code CONTRACT} or {@code contract}, if there is one. */
    public static Optional<RecordType> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(t -> t.name().equals(wanted)).findFirst();
    }

    /** All names, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
