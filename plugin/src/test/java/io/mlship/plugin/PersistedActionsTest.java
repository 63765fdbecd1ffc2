package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import jenkins.model.RunAction2;
import io.mlship.plugin.cli.Report;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every action the plugin attaches is saved in build.xml by Jenkins' XStream, and the XStream of the 2.479 line cannot
 * be relied on to read back the JDK's immutable collections (List.of, List.copyOf, Stream.toList, Map.of) or records.
 * So every saved field holds only strings, boxed primitives, enums, and plain ArrayList/HashMap/LinkedHashMap/TreeMap of
 * those. Each action class of the plugin that is attached to a build (a RunAction2; transient actions are never saved)
 * must be listed here with an instance built the way the steps build it.
 */
class PersistedActionsTest {

    private static final Set<Class<?>> PLAIN_COLLECTIONS = Set.of(ArrayList.class, HashMap.class, LinkedHashMap.class, TreeMap.class);

    /** The actions as the steps build them, from reports that fill every list. */
    private static final Map<Class<?>, Supplier<Action>> BUILT = Map.of(
            BuildImageAction.class, () -> BuildImageAction.from(Report.parse("build-report.json", """
                    {"status": "success", "image": "m:1", "imageId": "sha256:ab", "labels": {"org.opencontainers.image.revision": "0a"},
                     "preflight": [{"severity": "WARNING", "rule": "r", "location": "l", "message": "m"}]}
                    """)),
            ScanImageAction.class, () -> ScanImageAction.from(Report.parse("scan-report.json", """
                    {"image": "m:1", "status": "failed", "gate": {"failOn": "high", "failing": ["CVE-1"]},
                     "summary": {"packagesByEcosystem": {"pypi": 1}, "vulnerabilitiesBySeverity": {"high": 1}},
                     "vulnerabilities": [{}], "secrets": [{"description": "k", "path": "/p", "line": 1, "layer": 0}], "hygiene": []}
                    """)),
            VerifyImageAction.class, () -> VerifyImageAction.from(Report.parse("verify-report.json", """
                    {"status": "failed", "image": "m:1", "problems": [{"kind": "OOM_KILLED", "message": "m"}],
                     "memory": {"limitBytes": 1, "peakBytes": 1}}
                    """)),
            DeployAction.class, () -> DeployAction.from(Report.parse("deploy-report.json", """
                    {"target": "docker", "object": "iris", "image": "iris:1", "outcome": "DEPLOYED", "succeeded": true, "logDirectory": "/l"}
                    """)),
            ShadowAction.class, () -> ShadowAction.from("iris:2", Report.parse("shadow-report.json", """
                    {"outcome": "ABORTED", "reason": "agreement 0.87 < 0.99", "agreement": 0.873333, "pairs": 300, "promotion": null}
                    """)),
            DeliveryReportAction.class, () -> {
                DeliveryReportAction action = new DeliveryReportAction();
                action.expect("verify-3-ab12cd34/verify-report.json", "verify");
                return action;
            },
            DeliveryRequestAction.class, () -> new DeliveryRequestAction(new io.mlship.plugin.delivery.DeliveryRequest(
                    io.mlship.plugin.delivery.DeliveryRequest.Kind.ROLLBACK, 2, "r:5000/iris-model:2", "docker", "iris")));

    @Test
    void everyBuildActionOfThePluginIsCheckedHere() throws IOException {
        Path classes = Path.of("target/classes");
        List<Class<?>> actions;
        try (Stream<Path> files = Files.walk(classes)) {
            actions = files.filter(f -> f.toString().endsWith(".class")).map(f -> classes.relativize(f).toString())
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).map(PersistedActionsTest::load)
                    .filter(c -> RunAction2.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())).toList();
        }
        assertThat(actions).isNotEmpty();
        assertThat(BUILT.keySet()).as("action classes covered by this test").containsExactlyInAnyOrderElementsOf(actions);
    }

    @Test
    void everySavedFieldHoldsOnlyWhatXStreamReadsBack() throws IllegalAccessException {
        for (Map.Entry<Class<?>, Supplier<Action>> entry : BUILT.entrySet()) {
            Action action = entry.getValue().get();
            assertThat(action).isInstanceOf(entry.getKey());
            for (Class<?> type = action.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) {
                        continue;
                    }
                    field.setAccessible(true);
                    assertPlain(type.getSimpleName() + "." + field.getName(), field.get(action));
                }
            }
        }
    }

    private static void assertPlain(String where, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            return;
        }
        assertThat(value.getClass()).as(where + " is saved by XStream").isIn(PLAIN_COLLECTIONS);
        if (value instanceof List<?> list) {
            assertThat(list).as(where).isNotEmpty();
            list.forEach(element -> assertPlain(where + "[]", element));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertPlain(where + " key", k);
                assertPlain(where + "[" + k + "]", v);
            });
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PersistedActionsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
