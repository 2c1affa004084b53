package io.junction.cli;

import io.junction.router.RouterFeatures;
import picocli.CommandLine.IVersionProvider;

/** {@code junction --version}: the build version, as the router announces it in WELCOME. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{RouterFeatures.AGENT};
    }
}
