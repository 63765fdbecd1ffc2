package io.mlship.plugin.delivery;

/**
 * What is live on one deploy target and object, as the recent builds' deploy reports tell it: the image, its
 * digest, version and provenance, the build that deployed it and the one that built it, the newest scan,
 * verification and shadow verdicts of that image, and what a Rollback would bring back.
 *
 * @param state DEPLOYED (ready), FAILED (a failed version left for inspection) or ROLLBACK_FAILED (needs a person)
 * @param sourceBuild the build that built the image, or null when none of the recent builds did
 * @param rollbackBuild the build that deployed the image live before this one, or null
 */
public record LiveDeployment(String target, String object, String state, String image, String digest, String version,
                             String commit, String provenanceFile, int deployedBy, Integer sourceBuild,
                             Verdict lastScan, Verdict lastVerification, Verdict lastShadow,
                             Integer rollbackBuild, String rollbackImage) {
}
