package org.exchangehub.hub.listing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The public listing as citizens see it: projects found by district, name or developer; a building's units with their
 * sale status (销控表), where a unit's status follows its contracts: an active contract shows it signed (or filed once
 * filed), and a cancelled contract puts it back on sale even before the bureau sends the unit's new status.
 */
@Component
public class PublicListing {

    private static final Set<String> ACTIVE_CONTRACT = Set.of("SIGNED", "CHANGED");
    private static final Set<String> HELD_BY_CONTRACT = Set.of("RESERVED", "SIGNED", "FILED");
    private static final int MAX_PROJECTS = 5000;

    private final ListingStore store;

    PublicListing(ListingStore store) {
        this.store = store;
    }

    /** A project with its buildings. */
    public record Project(ListingStore.Entry project, List<ListingStore.Entry> buildings) {}

    /** A unit of the sale-control grid: its public view and the status the public sees. */
    public record Unit(ListingStore.Entry unit, String saleStatus, String contractNo, String filingNo) {}

    /** A building's sale-control grid: units by floor (highest first), and how many units have each status. */
    public record Building(
            ListingStore.Entry building, Map<Integer, List<Unit>> floors, Map<String, Long> statusCounts) {}

    /** Projects whose district, name and developer contain the given words (any left out matches all). */
    public List<ListingStore.Entry> projects(String district, String name, String developer) {
        return store.all("PROJECT", MAX_PROJECTS).stream()
                .filter(p -> contains(p.view(), "district", district))
                .filter(p -> contains(p.view(), "name", name))
                .filter(p -> contains(p.view(), "developer", developer))
                .toList();
    }

    public Optional<Project> project(String projectId) {
        return store.entry("PROJECT", projectId)
                .map(project -> new Project(project, store.by("BUILDING", "project_id", projectId)));
    }

    public Optional<Building> building(String buildingId) {
        return store.entry("BUILDING", buildingId).map(building -> {
            List<ListingStore.Entry> units = store.by("UNIT", "building_id", buildingId);
            List<String> houseCodes = units.stream().map(ListingStore.Entry::id).toList();
            Map<String, List<ListingStore.Entry>> contractsByUnit =
                    store.byAny("CONTRACT", "house_code", houseCodes).stream()
                            .collect(Collectors.groupingBy(
                                    c -> c.view().path("houseCode").asText()));
            List<String> contractNos = contractsByUnit.values().stream()
                    .flatMap(List::stream)
                    .map(ListingStore.Entry::id)
                    .toList();
            Map<String, ListingStore.Entry> filingByContract =
                    store.byAny("FILING", "contract_no", contractNos).stream()
                            .filter(f -> "FILED".equals(f.view().path("status").asText()))
                            .collect(Collectors.toMap(
                                    f -> f.view().path("contractNo").asText(), Function.identity(), (a, b) -> a));
            Map<Integer, List<Unit>> floors = new TreeMap<>(Comparator.reverseOrder());
            Map<String, Long> counts = new LinkedHashMap<>();
            for (ListingStore.Entry unit : units) {
                Unit shown = shown(unit, contractsByUnit.getOrDefault(unit.id(), List.of()), filingByContract);
                floors.computeIfAbsent(unit.view().path("floor").asInt(), f -> new ArrayList<>())
                        .add(shown);
                counts.merge(shown.saleStatus(), 1L, Long::sum);
            }
            floors.values()
                    .forEach(list -> list.sort(Comparator.comparing(
                            u -> u.unit().view().path("room").asText())));
            return new Building(building, floors, counts);
        });
    }

    public Optional<ListingStore.Entry> contract(String contractNo) {
        return store.entry("CONTRACT", contractNo);
    }

    public Optional<ListingStore.Entry> filing(String filingNo) {
        return store.entry("FILING", filingNo);
    }

    public List<ListingStore.Entry> filingsOfContract(String contractNo) {
        return store.by("FILING", "contract_no", contractNo);
    }

    static Unit shown(
            ListingStore.Entry unit,
            List<ListingStore.Entry> contracts,
            Map<String, ListingStore.Entry> filedByContract) {
        String own = unit.view().path("saleStatus").asText();
        Optional<ListingStore.Entry> active = contracts.stream()
                .filter(c -> ACTIVE_CONTRACT.contains(c.view().path("status").asText()))
                .findFirst();
        if ("REGISTERED".equals(own) || "NOT_FOR_SALE".equals(own)) {
            return new Unit(unit, own, active.map(ListingStore.Entry::id).orElse(null), null);
        }
        if (active.isPresent()) {
            ListingStore.Entry filing = filedByContract.get(active.get().id());
            return new Unit(
                    unit, filing != null ? "FILED" : "SIGNED", active.get().id(), filing == null ? null : filing.id());
        }
        if (!contracts.isEmpty() && HELD_BY_CONTRACT.contains(own)) {
            // every contract on the unit is cancelled: it is on sale again, whatever the unit record still says
            return new Unit(unit, "AVAILABLE", null, null);
        }
        return new Unit(unit, own, null, null);
    }

    private static boolean contains(ObjectNode view, String field, String wanted) {
        return wanted == null
                || wanted.isBlank()
                || view.path(field)
                        .asText()
                        .toLowerCase(Locale.ROOT)
                        .contains(wanted.trim().toLowerCase(Locale.ROOT));
    }
}
