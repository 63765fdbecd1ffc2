package io.mlship.cli;

import picocli.CommandLine;

/** Reports the version the jar was built as (from its manifest), or "development" when run from classes. */
final class MlshipVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"mlship " + (version == null ? "development" : version)};
    }
}
