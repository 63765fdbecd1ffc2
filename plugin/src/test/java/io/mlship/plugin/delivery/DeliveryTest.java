package io.mlship.plugin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.plugin.delivery.DeliveryRequest.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is live where, which builds may be promoted and why not, and what Rollback brings back. */
class DeliveryTest {

    static final String DIGEST_1 = "sha256:" + "1".repeat(64);
    static final String DIGEST_2 = "sha256:" + "2".repeat(64);

    /** A successful build that built, pushed, verified and scanned iris-model:n and (optionally) deployed it. */
    static BuildRecord.Builder shipped(int n, String digest) {
        return BuildRecord.builder(n).result("SUCCESS")
                .image(new BuiltImage("iris-model:" + n, "127.0.0.1:5001/iris-model:" + n, digest, "c0ffee" + n, ".mlship/jenkins/build-" + n + "/provenance.json"))
                .verification(new Verdict("iris-model:" + n, true, "peak 80.0 MiB of 128.0 MiB"))
                .scan(new Verdict("iris-model:" + n, true, "0 vulnerabilities"));
    }

    static DeployRecord deployed(int n) {
        return new DeployRecord("docker", "iris", "127.0.0.1:5001/iris-model:" + n, "DEPLOYED");
    }

    @Test
    void theNewestDeployIsLiveWithItsDigestVersionProvenanceAndVerdicts() {
        Delivery delivery = new Delivery(List.of(
                shipped(2, DIGEST_2).deploy(deployed(2)).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build()));

        assertThat(delivery.live()).singleElement().satisfies(live -> {
            assertThat(live.target()).isEqualTo("docker");
            assertThat(live.object()).isEqualTo("iris");
            assertThat(live.state()).isEqualTo("DEPLOYED");
            assertThat(live.image()).isEqualTo("127.0.0.1:5001/iris-model:2");
            assertThat(live.digest()).isEqualTo(DIGEST_2);
            assertThat(live.version()).isEqualTo("2");
            assertThat(live.commit()).isEqualTo("c0ffee2");
            assertThat(live.provenanceFile()).isEqualTo(".mlship/jenkins/build-2/provenance.json");
            assertThat(live.deployedBy()).isEqualTo(2);
            assertThat(live.sourceBuild()).isEqualTo(2);
            assertThat(live.lastScan().passed()).isTrue();
            assertThat(live.lastVerification().detail()).isEqualTo("peak 80.0 MiB of 128.0 MiB");
            assertThat(live.lastShadow()).isNull();
            assertThat(live.rollbackBuild()).isEqualTo(1);
            assertThat(live.rollbackImage()).isEqualTo("127.0.0.1:5001/iris-model:1");
        });
    }

    @Test
    void aPromotedDigestPinnedImageIsTracedBackToTheBuildThatBuiltItAndItsVerdicts() {
        String pinned = "127.0.0.1:5001/iris-model@" + DIGEST_1;
        Delivery delivery = new Delivery(List.of(
                BuildRecord.builder(3).result("SUCCESS").request(new DeliveryRequest(Kind.PROMOTE, 1, pinned, null, null))
                        .deploy(new DeployRecord("kubernetes", "deployment/iris", pinned, "DEPLOYED")).build(),
                BuildRecord.builder(2).result("SUCCESS").scan(new Verdict("iris-model:1", false, "1 high: CVE-2021-44228")).build(),
                shipped(1, DIGEST_1).build()));

        LiveDeployment live = delivery.live().get(0);
        assertThat(live.digest()).isEqualTo(DIGEST_1);
        assertThat(live.version()).isEqualTo("1");
        assertThat(live.deployedBy()).isEqualTo(3);
        assertThat(live.sourceBuild()).isEqualTo(1);
        // the newest scan of the image is the rescan in build 2, which failed
        assertThat(live.lastScan()).isEqualTo(new Verdict("iris-model:1", false, "1 high: CVE-2021-44228"));
        assertThat(live.rollbackBuild()).isNull();
    }

    @Test
    void aFailedDeployThatRolledBackLeavesThePreviousImageLive() {
        Delivery delivery = new Delivery(List.of(
                shipped(2, DIGEST_2).deploy(new DeployRecord("docker", "iris", "127.0.0.1:5001/iris-model:2", "ROLLED_BACK")).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build()));

        LiveDeployment live = delivery.live().get(0);
        assertThat(live.image()).isEqualTo("127.0.0.1:5001/iris-model:1");
        assertThat(live.deployedBy()).isEqualTo(1);
        assertThat(live.rollbackBuild()).isNull();
    }

    @Test
    void anMlRollbackTakesTheCurrentImageOff() {
        Delivery delivery = new Delivery(List.of(
                BuildRecord.builder(3).result("SUCCESS").deploy(new DeployRecord("docker", "iris", "127.0.0.1:5001/iris-model:1", "ROLLED_BACK")).build(),
                shipped(2, DIGEST_2).deploy(deployed(2)).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build()));

        LiveDeployment live = delivery.live().get(0);
        assertThat(live.image()).isEqualTo("127.0.0.1:5001/iris-model:1");
        assertThat(live.deployedBy()).isEqualTo(1);
    }

    @Test
    void removedLeavesNothingLiveAndFailedStatesAreShown() {
        assertThat(new Delivery(List.of(
                BuildRecord.builder(2).result("FAILURE").deploy(new DeployRecord("docker", "iris", "x:2", "REMOVED")).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build())).live()).isEmpty();

        assertThat(new Delivery(List.of(
                BuildRecord.builder(2).result("FAILURE").deploy(new DeployRecord("docker", "iris", "x:2", "FAILED")).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build())).live().get(0))
                .extracting(LiveDeployment::state, LiveDeployment::image, LiveDeployment::rollbackBuild)
                .containsExactly("FAILED", "x:2", 1);

        assertThat(new Delivery(List.of(
                BuildRecord.builder(2).result("FAILURE").deploy(new DeployRecord("docker", "iris", "x:2", "ROLLBACK_FAILED")).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build())).live().get(0).state()).isEqualTo("ROLLBACK_FAILED");
    }

    @Test
    void eachTargetAndObjectHasItsOwnRowNewestFirst() {
        Delivery delivery = new Delivery(List.of(
                shipped(2, DIGEST_2).deploy(new DeployRecord("kubernetes", "deployment/iris", "127.0.0.1:5001/iris-model:2", "DEPLOYED")).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build()));

        assertThat(delivery.live()).extracting(LiveDeployment::target, LiveDeployment::image).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kubernetes", "127.0.0.1:5001/iris-model:2"),
                org.assertj.core.groups.Tuple.tuple("docker", "127.0.0.1:5001/iris-model:1"));
    }

    @Test
    void aBuildThatPassedScanAndVerifyIsPromotedAsItsDigestPinnedReference() {
        Eligibility e = new Delivery(List.of(shipped(7, DIGEST_1).build())).promotion(7);

        assertThat(e.eligible()).isTrue();
        assertThat(e.request()).isEqualTo(new DeliveryRequest(Kind.PROMOTE, 7, "127.0.0.1:5001/iris-model@" + DIGEST_1, null, null));
        assertThat(e.request().environment()).containsExactly(
                org.assertj.core.api.Assertions.entry("MLSHIP_REQUEST", "promote"),
                org.assertj.core.api.Assertions.entry("MLSHIP_SOURCE_BUILD", "7"),
                org.assertj.core.api.Assertions.entry("MLSHIP_IMAGE", "127.0.0.1:5001/iris-model@" + DIGEST_1));
    }

    @Test
    void withoutADigestTheTaggedReferenceIsPromoted() {
        assertThat(new Delivery(List.of(shipped(7, null).build())).promotion(7).request().image())
                .isEqualTo("127.0.0.1:5001/iris-model:7");
    }

    @Test
    void aFailedScanGateOrVerificationOrShadowRefusesPromotionNamingEach() {
        BuildRecord build = BuildRecord.builder(4).result("SUCCESS")
                .image(new BuiltImage("iris-model:4", "r:5000/iris-model:4", DIGEST_1, null, null))
                .verification(new Verdict("iris-model:4", false, "OOM_KILLED: peak 128.0 MiB"))
                .scan(new Verdict("iris-model:4", false, "1 critical"))
                .shadow(new Verdict("r:5000/iris-model@" + DIGEST_1, false, "12% disagreement"))
                .build();

        Eligibility e = new Delivery(List.of(build)).promotion(4);

        assertThat(e.eligible()).isFalse();
        assertThat(e.unknownBuild()).isFalse();
        assertThat(e.reasons()).containsExactly(
                "the newest scan of iris-model:4 failed: 1 critical",
                "the newest verification of iris-model:4 failed: OOM_KILLED: peak 128.0 MiB",
                "the newest shadow comparison of iris-model:4 failed: 12% disagreement");
    }

    @Test
    void aMissingScanOrVerificationRefusesPromotion() {
        BuildRecord build = BuildRecord.builder(4).result("SUCCESS")
                .image(new BuiltImage("iris-model:4", "r:5000/iris-model:4", DIGEST_1, null, null))
                .scan(new Verdict("other:1", true, null)).build();

        assertThat(new Delivery(List.of(build)).promotion(4).reasons()).containsExactly(
                "no scan of iris-model:4 (mlScanImage) among the last 50 builds",
                "no verification of iris-model:4 (mlVerifyImage) among the last 50 builds");
    }

    @Test
    void aNewerRescanThatFailsBlocksAnOlderBuildThatOncePassed() {
        Delivery delivery = new Delivery(List.of(
                BuildRecord.builder(9).result("SUCCESS").scan(new Verdict("iris-model:7", false, "new CVE")).build(),
                shipped(7, DIGEST_1).build()));

        assertThat(delivery.promotion(7).reasons()).containsExactly("the newest scan of iris-model:7 failed: new CVE");
    }

    @Test
    void runningFailedUnpushedOrImagelessBuildsAreNotPromoted() {
        assertThat(new Delivery(List.of(shipped(5, DIGEST_1).building(true).result(null).build())).promotion(5).reasons())
                .containsExactly("build #5 is still running");
        assertThat(new Delivery(List.of(shipped(5, DIGEST_1).result("FAILURE").build())).promotion(5).reasons())
                .containsExactly("build #5 ended FAILURE; only a successful build is promoted");
        assertThat(new Delivery(List.of(BuildRecord.builder(5).result("SUCCESS").build())).promotion(5).reasons())
                .containsExactly("build #5 built no image (mlBuildImage)");
        BuildRecord unpushed = BuildRecord.builder(5).result("SUCCESS").image(new BuiltImage("iris-model:5", null, null, null, null))
                .scan(new Verdict("iris-model:5", true, null)).verification(new Verdict("iris-model:5", true, null)).build();
        assertThat(new Delivery(List.of(unpushed)).promotion(5).reasons())
                .containsExactly("iris-model:5 was not pushed to a registry (mlBuildImage push:), so no agent can pull it");
        BuildRecord two = shipped(5, DIGEST_1).image(new BuiltImage("b:1", "r/b:1", null, null, null)).build();
        assertThat(new Delivery(List.of(two)).promotion(5).reasons())
                .containsExactly("build #5 built 2 images; Promote deploys a build's one image");
    }

    @Test
    void anUnknownBuildIsSaidSo() {
        Eligibility e = new Delivery(List.of(shipped(1, DIGEST_1).build())).promotion(99);
        assertThat(e.unknownBuild()).isTrue();
        assertThat(e.reasons()).containsExactly("build #99 does not exist or is not among the last 50 builds of this job");
    }

    @Test
    void candidatesListRecentImageBuildsWithTheirVerdicts() {
        Delivery delivery = new Delivery(List.of(
                BuildRecord.builder(3).result("SUCCESS").deploy(deployed(2)).build(),
                shipped(2, DIGEST_2).result("FAILURE").build(),
                shipped(1, DIGEST_1).build()));

        assertThat(delivery.candidates()).extracting(PromotionCandidate::build, PromotionCandidate::version, c -> c.eligibility().eligible())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "2", false), org.assertj.core.groups.Tuple.tuple(1, "1", true));
    }

    @Test
    void rollbackBringsBackOnlyThePreviouslyLiveImage() {
        Delivery delivery = new Delivery(List.of(
                shipped(3, DIGEST_2).deploy(new DeployRecord("docker", "iris", "127.0.0.1:5001/iris-model:3", "DEPLOYED")).build(),
                shipped(2, DIGEST_2).deploy(deployed(2)).build(),
                shipped(1, DIGEST_1).deploy(deployed(1)).build()));

        Eligibility ok = delivery.rollback(2, "docker", "iris");
        assertThat(ok.request()).isEqualTo(new DeliveryRequest(Kind.ROLLBACK, 2, "127.0.0.1:5001/iris-model:2", "docker", "iris"));
        assertThat(ok.request().environment()).containsEntry("MLSHIP_REQUEST", "rollback").containsEntry("MLSHIP_TARGET", "docker");

        assertThat(delivery.rollback(1, "docker", "iris").reasons()).containsExactly("build #1 is not the one to roll back to: before the current "
                + "127.0.0.1:5001/iris-model:3, docker iris ran 127.0.0.1:5001/iris-model:2 deployed by build #2 (reload the page)");
        assertThat(delivery.rollback(2, "kubernetes", "deployment/iris").reasons())
                .containsExactly("nothing is live on kubernetes deployment/iris according to the last 50 builds");
        assertThat(delivery.rollback(42, "docker", "iris").unknownBuild()).isTrue();
        assertThat(new Delivery(List.of(shipped(1, DIGEST_1).deploy(deployed(1)).build())).rollback(1, "docker", "iris").reasons())
                .containsExactly("no earlier image was live on docker iris in the last 50 builds");
    }

    @Test
    void imageReferencesSplitIntoRepositoryTagAndDigest() {
        assertThat(ImageReference.tag("127.0.0.1:5001/iris-model")).isNull();
        assertThat(ImageReference.tag("127.0.0.1:5001/iris-model:7")).isEqualTo("7");
        assertThat(ImageReference.repository("127.0.0.1:5001/iris-model:7@" + DIGEST_1)).isEqualTo("127.0.0.1:5001/iris-model");
        assertThat(ImageReference.digest("127.0.0.1:5001/iris-model@" + DIGEST_1)).isEqualTo(DIGEST_1);
        assertThat(new BuiltImage("m:1", "r:5000/m:1", DIGEST_1, null, null).deployReference()).isEqualTo("r:5000/m@" + DIGEST_1);
    }

    @Test
    void aRequestWithoutKindBuildOrImageIsRejectedRatherThanRunAsAPlainBuild() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliveryRequest(null, 1, "x:1", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was the build's build.xml edited?");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliveryRequest(Kind.PROMOTE, 0, "x:1", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliveryRequest(Kind.ROLLBACK, 1, " ", "docker", "iris"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Kind.of("promote")).isEqualTo(Kind.PROMOTE);
        assertThat(Kind.of("deploy")).isNull();
    }
}
