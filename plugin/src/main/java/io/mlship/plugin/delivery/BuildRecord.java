package io.mlship.plugin.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * What the card needs of one build: whether it finished and how, and the mlship reports it holds (in the order
 * its steps attached them). Built with {@link #builder(int)}.
 */
public final class BuildRecord {

    private final int number;
    private final boolean building;
    private final String result;
    private final List<BuiltImage> images;
    private final List<Verdict> scans;
    private final List<Verdict> verifications;
    private final List<Verdict> shadows;
    private final List<DeployRecord> deploys;
    private final DeliveryRequest request;

    private BuildRecord(Builder b) {
        this.number = b.number;
        this.building = b.building;
        this.result = b.result;
        this.images = List.copyOf(b.images);
        this.scans = List.copyOf(b.scans);
        this.verifications = List.copyOf(b.verifications);
        this.shadows = List.copyOf(b.shadows);
        this.deploys = List.copyOf(b.deploys);
        this.request = b.request;
    }

    public static Builder builder(int number) {
        return new Builder(number);
    }

    public int number() {
        return number;
    }

    public boolean building() {
        return building;
    }

    /** SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT; null while building. */
    public String result() {
        return result;
    }

    public List<BuiltImage> images() {
        return images;
    }

    public List<Verdict> scans() {
        return scans;
    }

    public List<Verdict> verifications() {
        return verifications;
    }

    public List<Verdict> shadows() {
        return shadows;
    }

    public List<DeployRecord> deploys() {
        return deploys;
    }

    /** The Promote/Rollback request that started this build, or null. */
    public DeliveryRequest request() {
        return request;
    }

    /** Whether any mlship step left a report on this build (or a delivery request started it). */
    public boolean ranMlship() {
        return !images.isEmpty() || !scans.isEmpty() || !verifications.isEmpty() || !shadows.isEmpty()
                || !deploys.isEmpty() || request != null;
    }

    public static final class Builder {
        private final int number;
        private boolean building;
        private String result;
        private final List<BuiltImage> images = new ArrayList<>();
        private final List<Verdict> scans = new ArrayList<>();
        private final List<Verdict> verifications = new ArrayList<>();
        private final List<Verdict> shadows = new ArrayList<>();
        private final List<DeployRecord> deploys = new ArrayList<>();
        private DeliveryRequest request;

        private Builder(int number) {
            this.number = number;
        }

        public Builder building(boolean value) {
            building = value;
            return this;
        }

        public Builder result(String value) {
            result = value;
            return this;
        }

        public Builder image(BuiltImage value) {
            images.add(value);
            return this;
        }

        public Builder scan(Verdict value) {
            scans.add(value);
            return this;
        }

        public Builder verification(Verdict value) {
            verifications.add(value);
            return this;
        }

        public Builder shadow(Verdict value) {
            shadows.add(value);
            return this;
        }

        public Builder deploy(DeployRecord value) {
            deploys.add(value);
            return this;
        }

        public Builder request(DeliveryRequest value) {
            request = value;
            return this;
        }

        public BuildRecord build() {
            return new BuildRecord(this);
        }
    }
}
