package org.exchangehub.adapters.housing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.exchangehub.adapters.inbound.CsvExportFormat;
import org.exchangehub.adapters.inbound.ExchangeTable;
import org.exchangehub.adapters.inbound.ExchangeTableRoute;
import org.exchangehub.adapters.inbound.FileDropRoute;
import org.exchangehub.adapters.inbound.XmlExportFormat;

/**
 * The housing bureau's inbound routes: one per exchange table ({@code housing-exchange-project}, {@code -building},
 * {@code -unit}, {@code -contract}, {@code -filing}) and one per export file format ({@code housing-file-contracts}
 * for the XML of contracts and filings, {@code housing-file-building-table} for the CSV of units); each with its
 * per-record route ({@code <route id>-record}).
 */
public final class HousingInboundRoutes implements RoutesBuilder {

    /** The exchange tables of the front-end database, in the order their routes are added. */
    public static final List<ExchangeTable> EXCHANGE_TABLES = List.of(
            new ExchangeTable("EXCH_PROJECT", HousingMapping.PROJECT),
            new ExchangeTable("EXCH_BUILDING", HousingMapping.BUILDING),
            new ExchangeTable("EXCH_UNIT", HousingMapping.UNIT),
            new ExchangeTable("EXCH_CONTRACT", HousingMapping.CONTRACT),
            new ExchangeTable("EXCH_FILING", HousingMapping.FILING));

    /** 合同备案信息 export: {@code *.xml}, root {@code <HTBAXX>} with {@code <HT>} and {@code <BA>} records. */
    public static final XmlExportFormat CONTRACT_EXPORT = new XmlExportFormat(
            "contracts", "xml", "HTBAXX", Map.of("HT", HousingMapping.CONTRACT, "BA", HousingMapping.FILING));

    /** 楼盘表 export: {@code *.csv}, one unit per line. */
    public static final CsvExportFormat BUILDING_TABLE_EXPORT = new CsvExportFormat(
            "building-table",
            "csv",
            List.of("FWBM", "LDBH", "XMBH", "SZC", "FH", "JZMJ", "TNMJ", "FWYT", "XSZT", "BAJG"),
            HousingMapping.UNIT);

    private final List<RoutesBuilder> routes;

    public HousingInboundRoutes(HousingSettings settings) {
        List<RoutesBuilder> routes = new ArrayList<>();
        for (ExchangeTable table : EXCHANGE_TABLES) {
            routes.add(new ExchangeTableRoute(settings.tables(), table));
        }
        routes.add(new FileDropRoute(settings.files(), CONTRACT_EXPORT));
        routes.add(new FileDropRoute(settings.files(), BUILDING_TABLE_EXPORT));
        this.routes = List.copyOf(routes);
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        for (RoutesBuilder route : routes) {
            route.addRoutesToCamelContext(context);
        }
    }

    @Override
    public void addTemplatedRoutesToCamelContext(CamelContext context) throws Exception {
        for (RoutesBuilder route : routes) {
            route.addTemplatedRoutesToCamelContext(context);
        }
    }

    @Override
    public Set<String> updateRoutesToCamelContext(CamelContext context) throws Exception {
        Set<String> updated = new LinkedHashSet<>();
        for (RoutesBuilder route : routes) {
            updated.addAll(route.updateRoutesToCamelContext(context));
        }
        return updated;
    }
}
