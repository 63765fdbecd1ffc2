package io.mlship.plugin.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The delivery decisions over a job's recent builds (newest first): what is live where, which builds Promote may
 * deploy, and what Rollback brings back. The card shows these; the POST handlers decide again from the builds as
 * they are at that moment, so a stale page or a forged form cannot promote what no longer qualifies.
 */
public final class Delivery {

    private static final int CANDIDATES_SHOWN = 10;

    private final List<BuildRecord> newestFirst;

    public Delivery(List<BuildRecord> newestFirst) {
        this.newestFirst = List.copyOf(newestFirst);
    }

    /** Each deploy target and object the recent builds deployed to, newest deploy first. */
    public List<LiveDeployment> live() {
        Map<String, Track> tracks = new LinkedHashMap<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            BuildRecord build = newestFirst.get(i);
            for (DeployRecord deploy : build.deploys()) {
                tracks.computeIfAbsent(key(deploy.target(), deploy.object()), k -> new Track(deploy.target(), deploy.object()))
                        .apply(deploy, build.number());
            }
        }
        List<LiveDeployment> rows = new ArrayList<>();
        tracks.values().stream().filter(t -> !t.stack.isEmpty())
                .sorted((a, b) -> Integer.compare(b.lastEvent, a.lastEvent))
                .forEach(t -> rows.add(row(t)));
        return rows;
    }

    /** The recent builds that built an image (at most ten), each with whether Promote may deploy it. */
    public List<PromotionCandidate> candidates() {
        List<PromotionCandidate> out = new ArrayList<>();
        for (BuildRecord build : newestFirst) {
            if (out.size() == CANDIDATES_SHOWN) {
                break;
            }
            if (!build.images().isEmpty()) {
                BuiltImage image = build.images().get(build.images().size() - 1);
                out.add(new PromotionCandidate(build.number(), image.image(), image.version(), promotion(build)));
            }
        }
        return out;
    }

    /**
     * Whether build {@code number} may be promoted: it finished successfully, built exactly one image that was
     * pushed to a registry, the newest scan of that image passed its gate, the newest verification passed, and
     * no shadow comparison of it failed. The request deploys the pushed reference pinned to its digest.
     */
    public Eligibility promotion(int number) {
        return find(number).map(this::promotion).orElseGet(() -> Eligibility.unknown(number));
    }

    private Eligibility promotion(BuildRecord build) {
        String name = "build #" + build.number();
        if (build.building()) {
            return Eligibility.refused(List.of(name + " is still running"));
        }
        List<String> reasons = new ArrayList<>();
        if (!"SUCCESS".equals(build.result())) {
            reasons.add(name + " ended " + build.result() + "; only a successful build is promoted");
        }
        if (build.images().isEmpty()) {
            reasons.add(name + " built no image (mlBuildImage)");
            return Eligibility.refused(reasons);
        }
        if (build.images().size() > 1) {
            reasons.add(name + " built " + build.images().size() + " images; Promote deploys a build's one image");
            return Eligibility.refused(reasons);
        }
        BuiltImage image = build.images().get(0);
        if (image.deployReference() == null) {
            reasons.add(image.image() + " was not pushed to a registry (mlBuildImage push:), so no agent can pull it");
        }
        gate(reasons, "scan", "mlScanImage", newest(image, BuildRecord::scans), true, image.image());
        gate(reasons, "verification", "mlVerifyImage", newest(image, BuildRecord::verifications), true, image.image());
        gate(reasons, "shadow comparison", null, newest(image, BuildRecord::shadows), false, image.image());
        if (!reasons.isEmpty()) {
            return Eligibility.refused(reasons);
        }
        return Eligibility.eligible(new DeliveryRequest(DeliveryRequest.Kind.PROMOTE, build.number(), image.deployReference(), null, null));
    }

    private static void gate(List<String> reasons, String what, String step, Verdict newest, boolean required, String image) {
        if (newest == null) {
            if (required) {
                reasons.add("no " + what + " of " + image + " (" + step + ") among the last " + History.WINDOW + " builds");
            }
        } else if (!newest.passed()) {
            reasons.add("the newest " + what + " of " + image + " failed" + (newest.detail() == null ? "" : ": " + newest.detail()));
        }
    }

    /**
     * Whether Rollback may deploy again what build {@code number} deployed on {@code target}/{@code object}: only
     * the image that was live there just before the current one qualifies (the one the card offers).
     */
    public Eligibility rollback(int number, String target, String object) {
        if (find(number).isEmpty()) {
            return Eligibility.unknown(number);
        }
        Optional<LiveDeployment> row = live().stream()
                .filter(r -> Objects.equals(r.target(), target) && Objects.equals(r.object(), object)).findFirst();
        if (row.isEmpty()) {
            return Eligibility.refused(List.of("nothing is live on " + target + " " + object + " according to the last "
                    + History.WINDOW + " builds"));
        }
        LiveDeployment live = row.get();
        if (live.rollbackBuild() == null) {
            return Eligibility.refused(List.of("no earlier image was live on " + target + " " + object
                    + " in the last " + History.WINDOW + " builds"));
        }
        if (live.rollbackBuild() != number) {
            return Eligibility.refused(List.of("build #" + number + " is not the one to roll back to: before the current "
                    + live.image() + ", " + target + " " + object + " ran " + live.rollbackImage() + " deployed by build #"
                    + live.rollbackBuild() + " (reload the page)"));
        }
        return Eligibility.eligible(new DeliveryRequest(DeliveryRequest.Kind.ROLLBACK, number, live.rollbackImage(), target, object));
    }

    private Optional<BuildRecord> find(int number) {
        return newestFirst.stream().filter(b -> b.number() == number).findFirst();
    }

    private LiveDeployment row(Track t) {
        Track.Entry top = t.stack.peek();
        Optional<BuiltImage> built = Optional.empty();
        Integer source = null;
        for (BuildRecord build : newestFirst) {
            Optional<BuiltImage> match = build.images().stream().filter(i -> i.matches(top.image)).findFirst();
            if (match.isPresent()) {
                built = match;
                source = build.number();
                break;
            }
        }
        BuiltImage image = built.orElse(new BuiltImage(top.image, null, null, null, null));
        String digest = ImageReference.digest(top.image) != null ? ImageReference.digest(top.image) : image.pushedDigest();
        String version = ImageReference.tag(top.image) != null ? ImageReference.tag(top.image) : image.version();
        Track.Entry previous = t.stack.size() > 1 ? new ArrayList<>(t.stack).get(1) : null;
        return new LiveDeployment(t.target, t.object, t.state, top.image, digest, version, image.commit(), image.provenanceFile(),
                top.build, source, newest(image, BuildRecord::scans), newest(image, BuildRecord::verifications),
                newest(image, BuildRecord::shadows), previous == null ? null : previous.build, previous == null ? null : previous.image);
    }

    /** The newest verdict (across the recent builds, the last within a build) whose image names {@code image}. */
    private Verdict newest(BuiltImage image, Function<BuildRecord, List<Verdict>> kind) {
        for (BuildRecord build : newestFirst) {
            List<Verdict> verdicts = kind.apply(build);
            for (int i = verdicts.size() - 1; i >= 0; i--) {
                if (image.matches(verdicts.get(i).image())) {
                    return verdicts.get(i);
                }
            }
        }
        return null;
    }

    private static String key(String target, String object) {
        return target + "\u0000" + object;
    }

    /**
     * The images live on one target/object over time, replayed oldest first: a DEPLOYED report puts its image on
     * top; ROLLED_BACK either undoes a failed new version (nothing changes) or, when it names the current or the
     * previous image (mlRollback), takes the current one off; REMOVED leaves nothing live; FAILED leaves the failed
     * version in place; ROLLBACK_FAILED keeps the image but flags the object.
     */
    private static final class Track {
        record Entry(String image, int build) {
        }

        final String target;
        final String object;
        final Deque<Entry> stack = new ArrayDeque<>();
        String state = "DEPLOYED";
        int lastEvent;

        Track(String target, String object) {
            this.target = target;
            this.object = object;
        }

        void apply(DeployRecord deploy, int build) {
            lastEvent = build;
            switch (deploy.outcome() == null ? "" : deploy.outcome()) {
                case "DEPLOYED" -> {
                    push(deploy.image(), build);
                    state = "DEPLOYED";
                }
                case "ROLLED_BACK" -> {
                    Entry top = stack.peek();
                    Entry previous = stack.size() > 1 ? new ArrayList<>(stack).get(1) : null;
                    if (top != null && previous != null
                            && (top.image.equals(deploy.image()) || previous.image.equals(deploy.image()))) {
                        stack.pop();
                    }
                    state = "DEPLOYED";
                }
                case "REMOVED" -> stack.clear();
                case "FAILED" -> {
                    push(deploy.image(), build);
                    state = "FAILED";
                }
                default -> state = "ROLLBACK_FAILED";
            }
        }

        private void push(String image, int build) {
            if (!stack.isEmpty() && stack.peek().image.equals(image)) {
                stack.pop();
            }
            stack.push(new Entry(image, build));
        }
    }
}
