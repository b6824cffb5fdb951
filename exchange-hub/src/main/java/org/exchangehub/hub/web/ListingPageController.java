package org.exchangehub.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.exchangehub.hub.listing.ListingStore;
import org.exchangehub.hub.listing.PublicListing;
import org.exchangehub.hub.record.RecordStore;
import org.exchangehub.hub.record.RecordType;
import org.exchangehub.hub.record.StoredRecord;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * 楼盘公示 and 房屋销控, the public listing as pages: projects found by district, name or developer; a project with its
 * buildings; a building's sale-control grid (floors × rooms, each unit coloured and labelled by the status the public
 * sees); a unit with the history of its records, each version with its verify link. Everything comes from {@link
 * PublicListing} and the portal's public views, so nothing personal is shown.
 */
@Controller
@RequestMapping("/listings")
class ListingPageController {

    private static final int MAX_VERSIONS_SHOWN = 50;

    private final PublicListing listing;
    private final ListingStore store;
    private final RecordStore records;
    private final MessageSource messages;

    ListingPageController(PublicListing listing, ListingStore store, RecordStore records, MessageSource messages) {
        this.listing = listing;
        this.store = store;
        this.records = records;
        this.messages = messages;
    }

    @GetMapping
    String search(
            @RequestParam(required = false) String district,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String developer,
            Model model) {
        List<ListingStore.Entry> all = listing.projects(null, null, null);
        List<ListingStore.Entry> found = listing.projects(district, name, developer);
        TreeSet<String> districts = new TreeSet<>();
        all.forEach(p -> districts.add(p.view().path("district").asText()));
        districts.remove("");
        model.addAttribute("district", district == null ? "" : district);
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("developer", developer == null ? "" : developer);
        model.addAttribute("districts", districts);
        model.addAttribute("projects", found);
        return "listings/search";
    }

    @GetMapping("/projects/{projectId}")
    String project(@PathVariable String projectId, Model model) {
        PublicListing.Project project =
                listing.project(projectId).orElseThrow(() -> new PageErrors.NotFound(projectId));
        model.addAttribute("project", project.project());
        model.addAttribute("buildings", project.buildings());
        return "listings/project";
    }

    /**
     * The sale-control grid. Each cell's texts (status, hover text, link) are made here once per request rather than
     * by a handful of template expressions per cell: a tower has a few hundred units, and that kept the page under
     * 200 ms.
     */
    @GetMapping("/buildings/{buildingId}")
    String building(@PathVariable String buildingId, Model model, Locale locale) {
        PublicListing.Building building =
                listing.building(buildingId).orElseThrow(() -> new PageErrors.NotFound(buildingId));
        Labels labels = new Labels(messages, locale);
        List<Floor> floors = new ArrayList<>(building.floors().size());
        building.floors()
                .forEach((floor, units) -> floors.add(new Floor(
                        floor, units.stream().map(u -> cell(u, labels)).toList())));
        Map<SaleStatus, Long> counts = new EnumMap<>(SaleStatus.class);
        building.statusCounts().forEach((status, count) -> counts.merge(SaleStatus.of(status), count, Long::sum));
        List<LegendEntry> legend = SaleStatus.LEGEND.stream()
                .map(s -> new LegendEntry(s, counts.getOrDefault(s, 0L)))
                .toList();
        String projectId = building.building().view().path("projectId").asText();
        model.addAttribute("building", building.building());
        model.addAttribute("project", store.entry("PROJECT", projectId).orElse(null));
        model.addAttribute("floors", floors);
        model.addAttribute("legend", legend);
        return "listings/building";
    }

    @GetMapping("/units/{houseCode}")
    String unit(@PathVariable String houseCode, Model model, Locale locale) {
        Labels labels = new Labels(messages, locale);
        ListingStore.Entry unit = store.entry("UNIT", houseCode).orElseThrow(() -> new PageErrors.NotFound(houseCode));
        String buildingId = unit.view().path("buildingId").asText();
        Optional<Cell> shown = listing.building(buildingId)
                .flatMap(b -> b.floors().values().stream()
                        .flatMap(List::stream)
                        .filter(u -> u.unit().id().equals(houseCode))
                        .findFirst()
                        .map(u -> cell(u, labels)));
        List<HistoryRow> history = new ArrayList<>(versions(RecordType.UNIT, houseCode));
        store.by("CONTRACT", "house_code", houseCode)
                .forEach(c -> history.addAll(versions(RecordType.CONTRACT, c.id())));
        store.by("FILING", "house_code", houseCode).forEach(f -> history.addAll(versions(RecordType.FILING, f.id())));
        history.sort(Comparator.comparing(HistoryRow::acceptedAt).reversed());
        model.addAttribute("unit", unit);
        model.addAttribute(
                "cell",
                shown.orElse(cell(
                        new PublicListing.Unit(
                                unit, unit.view().path("saleStatus").asText(), null, null),
                        labels)));
        model.addAttribute("building", store.entry("BUILDING", buildingId).orElse(null));
        model.addAttribute("history", history);
        return "listings/unit";
    }

    /** A status of the legend and how many units of the building have it. */
    record LegendEntry(SaleStatus status, long count) {}

    /** A floor of the grid (negative: below ground) and its units by room. */
    record Floor(int number, List<Cell> units) {}

    /**
     * A unit as the grid shows it, with its texts ready: the status in words and in short, the hover text (room, area,
     * listed price, status) and the link to the unit's page.
     */
    record Cell(
            String houseCode,
            String room,
            SaleStatus status,
            BigDecimal buildingArea,
            BigDecimal innerArea,
            BigDecimal listedPrice,
            String use,
            String contractNo,
            String filingNo,
            String statusText,
            String statusShort,
            String title,
            String href) {

        /** The cell's CSS classes. */
        public String cssClass() {
            return "unit " + status.cssClass();
        }

        /** The cell's element id. */
        public String domId() {
            return "unit-" + houseCode;
        }
    }

    /** The localized texts the cells share, looked up once per page. */
    private static final class Labels {
        final Map<SaleStatus, String> status = new EnumMap<>(SaleStatus.class);
        final Map<SaleStatus, String> shortStatus = new EnumMap<>(SaleStatus.class);
        final String area;
        final String price;

        Labels(MessageSource messages, Locale locale) {
            for (SaleStatus s : SaleStatus.values()) {
                status.put(s, messages.getMessage("status." + s, null, locale));
                shortStatus.put(s, messages.getMessage("status.short." + s, null, locale));
            }
            area = messages.getMessage("unit.area", null, locale);
            price = messages.getMessage("unit.price", null, locale);
        }
    }

    private static final Formats FORMATS = new Formats();

    /** One version of the unit's record, or of a contract or filing on it, with its public fields only. */
    record HistoryRow(
            String type,
            String id,
            int version,
            Instant acceptedAt,
            ObjectNode publicView,
            boolean revoked,
            String receiptId) {

        /** The public fields in one line, {@code field: value} separated by commas. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            publicView.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("houseCode")
                        && !field.getKey().equals("buildingId")
                        && !field.getKey().equals("projectId")) {
                    parts.add(field.getKey() + ": " + field.getValue().asText());
                }
            });
            return String.join(", ", parts);
        }
    }

    private List<HistoryRow> versions(RecordType type, String id) {
        int latest = records.latestVersion(type, id);
        List<HistoryRow> rows = new ArrayList<>();
        for (int version = latest; version >= 1 && rows.size() < MAX_VERSIONS_SHOWN; version--) {
            records.version(type, id, version).ifPresent(r -> rows.add(row(r)));
        }
        return rows;
    }

    private static HistoryRow row(StoredRecord record) {
        ObjectNode view = PublicRecords.view(record.type().name(), record.payloadNode())
                .orElseGet(() -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        return new HistoryRow(
                record.type().name(),
                record.id(),
                record.version(),
                record.acceptedAt(),
                view,
                record.revoked(),
                record.receiptId());
    }

    private static Cell cell(PublicListing.Unit unit, Labels labels) {
        JsonNode view = unit.unit().view();
        String houseCode = unit.unit().id();
        String room = view.path("room").asText();
        SaleStatus status = SaleStatus.of(unit.saleStatus());
        BigDecimal area = decimal(view.get("buildingArea"));
        BigDecimal price = decimal(view.get("listedPrice"));
        String title = room + " · " + labels.area + ": " + FORMATS.area(area) + " · " + labels.price + ": "
                + FORMATS.money(price) + " · " + labels.status.get(status);
        return new Cell(
                houseCode,
                room,
                status,
                area,
                decimal(view.get("innerArea")),
                price,
                view.path("use").asText(),
                unit.contractNo(),
                unit.filingNo(),
                labels.status.get(status),
                labels.shortStatus.get(status),
                title,
                "/listings/units/" + UriUtils.encodePathSegment(houseCode, StandardCharsets.UTF_8));
    }

    private static BigDecimal decimal(JsonNode value) {
        return value == null || !value.isNumber() ? null : value.decimalValue();
    }
}
