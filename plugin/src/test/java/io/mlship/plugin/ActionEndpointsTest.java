package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import io.mlship.plugin.delivery.BuildRecord;
import io.mlship.plugin.delivery.BuiltImage;
import io.mlship.plugin.delivery.DeliveryRequest;
import io.mlship.plugin.delivery.DeliveryRequests;
import io.mlship.plugin.delivery.DeployRecord;
import io.mlship.plugin.delivery.History;
import io.mlship.plugin.delivery.Verdict;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.HttpResponse;

/**
 * Every web method ({@code do*}) of every plugin action only answers POST (or is an explicit read) and checks the
 * user's permission before it reads anything: the denial test calls each handler with a user who lacks Job/Build
 * and sees 403 with no build read and nothing queued.
 */
class ActionEndpointsTest {

    /** Actions whose handlers the denial test below calls; a new action with do* methods must be added there. */
    static final Set<Class<?>> DENIAL_TESTED = Set.of(DeliveryAction.class, DeliveryReportAction.class);

    static final Set<String> VERB_ANNOTATIONS = Set.of("RequirePOST", "POST", "GET");

    @Test
    void everyWebMethodOfEveryActionRequiresAVerb() throws Exception {
        List<String> unguarded = new ArrayList<>();
        List<Class<?>> withWebMethods = new ArrayList<>();
        for (Class<?> action : pluginActions()) {
            List<Method> web = webMethods(action);
            if (!web.isEmpty()) {
                withWebMethods.add(action);
            }
            for (Method m : web) {
                if (Arrays.stream(m.getAnnotations()).map(Annotation::annotationType).map(Class::getSimpleName)
                        .noneMatch(VERB_ANNOTATIONS::contains)) {
                    unguarded.add(action.getSimpleName() + "#" + m.getName());
                }
            }
        }
        assertThat(unguarded).as("do* methods without @RequirePOST/@POST/@GET").isEmpty();
        assertThat(withWebMethods).as("actions with do* methods are all covered by the denial test").containsExactlyInAnyOrderElementsOf(DENIAL_TESTED);
    }

    @Test
    void everyHandlerOfTheDeliveryCardAnswers403WithoutReadingOrQueueingWhenBuildIsDenied() throws Exception {
        Fixture f = new Fixture(true, false);
        for (Method m : webMethods(DeliveryAction.class)) {
            Object[] args = Stream.of(m.getParameterTypes()).map(t -> "1").toArray();
            m.invoke(f.action, args);
            assertThat(f.replies).as(m.getName()).hasSize(1);
            assertThat(f.replies.remove(0).status()).as(m.getName()).isEqualTo(403);
        }
        assertThat(webMethods(DeliveryAction.class)).extracting(Method::getName).containsExactlyInAnyOrder("doPromote", "doRollback");
        assertThat(f.reads).isZero();
        assertThat(f.scheduled).isEmpty();
    }

    @Test
    void theBuildsResultsAreListedOnlyForAUserWhoMayReadTheBuild() {
        List<String> calls = new ArrayList<>();
        HttpResponse browse = new HttpResponse() { };
        HttpResponse forbidden = new HttpResponse() { };

        assertThat(DeliveryReportAction.files(false, () -> { calls.add("browse"); return browse; },
                () -> { calls.add("403"); return forbidden; })).isSameAs(forbidden);
        assertThat(calls).containsExactly("403");
        assertThat(DeliveryReportAction.files(true, () -> { calls.add("browse"); return browse; },
                () -> { calls.add("403"); return forbidden; })).isSameAs(browse);
        assertThat(webMethods(DeliveryReportAction.class)).extracting(Method::getName).containsExactly("doFiles");
    }

    @Test
    void withBuildPermissionPromoteQueuesTheEligibleBuildAndADoubleClickFoldsIntoIt() {
        Fixture f = new Fixture(true, true);

        f.action.doPromote("1");

        assertThat(f.replies).singleElement().extracting(DeliveryRequests.Reply::status).isEqualTo(200);
        DeliveryRequest request = f.scheduled.get(0);
        assertThat(request.image()).isEqualTo("r:5000/iris-model@sha256:aa");
        DeliveryRequestAction queued = new DeliveryRequestAction(request);
        DeliveryRequestAction again = new DeliveryRequestAction(request);
        DeliveryRequestAction other = new DeliveryRequestAction(new DeliveryRequest(DeliveryRequest.Kind.ROLLBACK, 1, "x:1", "docker", "iris"));
        assertThat(again.shouldSchedule(List.of(queued))).as("same request already queued").isFalse();
        assertThat(other.shouldSchedule(List.of(queued))).as("a different request").isTrue();
        assertThat(again.shouldSchedule(List.of())).as("a plain queued build").isTrue();
        assertThat(again.request()).isEqualTo(request);
    }

    @Test
    void withoutReadPermissionTheCardShowsNothingAndReadsNoBuild() {
        Fixture f = new Fixture(false, false);
        assertThat(f.action.getDelivery()).isNull();
        assertThat(f.action.isBuildAllowed()).isFalse();
        assertThat(f.reads).isZero();
    }

    @Test
    void theRequestActionKeepsOnlyPlainFieldsInTheBuildsXml() {
        for (var field : DeliveryRequestAction.class.getDeclaredFields()) {
            if (!Modifier.isTransient(field.getModifiers()) && !Modifier.isStatic(field.getModifiers())) {
                assertThat(field.getType()).as(field.getName()).isIn(String.class, int.class);
            }
        }
    }

    @Test
    void verdictCellsSayNonePassedOrFailed() {
        DeliveryAction action = new Fixture(true, true).action;
        assertThat(action.verdict(null)).isEqualTo("none");
        assertThat(action.verdict(new Verdict("i", true, null))).isEqualTo("passed");
        assertThat(action.verdict(new Verdict("i", false, "1 critical"))).isEqualTo("FAILED: 1 critical");
    }

    /** A delivery card over one shipped build, with fixed permissions, counting reads and recording what it queues. */
    static final class Fixture implements DeliveryRequests.Access, History, DeliveryRequests.Scheduler {
        final boolean read;
        final boolean build;
        int reads;
        final List<DeliveryRequest> scheduled = new ArrayList<>();
        final List<DeliveryRequests.Reply> replies = new ArrayList<>();
        final DeliveryAction action;

        Fixture(boolean read, boolean build) {
            this.read = read;
            this.build = build;
            this.action = new DeliveryAction(new DeliveryRequests(this, this, this), "job/iris/", reply -> {
                replies.add(reply);
                return (HttpResponse) null;
            });
        }

        @Override
        public boolean canRead() {
            return read;
        }

        @Override
        public boolean canBuild() {
            return build;
        }

        @Override
        public List<BuildRecord> recentBuilds() {
            reads++;
            return List.of(BuildRecord.builder(1).result("SUCCESS")
                    .image(new BuiltImage("iris-model:1", "r:5000/iris-model:1", "sha256:aa", null, null))
                    .scan(new Verdict("iris-model:1", true, null)).verification(new Verdict("iris-model:1", true, null))
                    .deploy(new DeployRecord("docker", "iris", "r:5000/iris-model:1", "DEPLOYED")).build());
        }

        @Override
        public boolean schedule(DeliveryRequest request) {
            scheduled.add(request);
            return true;
        }
    }

    static List<Method> webMethods(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getName().matches("do[A-Z].*")).toList();
    }

    /** Every class under io/mlship/plugin in the plugin's compiled classes that is a Jenkins Action. */
    static List<Class<?>> pluginActions() throws Exception {
        Path root = classesRoot();
        try (Stream<Path> files = Files.walk(root.resolve("io/mlship/plugin"))) {
            List<Class<?>> actions = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, ActionEndpointsTest.class.getClassLoader());
                if (Action.class.isAssignableFrom(c) && !c.isInterface()) {
                    actions.add(c);
                }
            }
            assertThat(actions).as("actions found").contains(DeliveryAction.class, DeployAction.class);
            return actions;
        }
    }

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(DeliveryAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
