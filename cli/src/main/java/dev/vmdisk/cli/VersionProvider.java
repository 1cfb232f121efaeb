package dev.vmdisk.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code vmdisk --version}: the version Maven stamped into vmdisk-version.properties. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {text()};
    }

    /**
     * {@code "vmdisk 0.1.0"}; {@link Main#main} prints it without building the picocli model. From the jar's
     * manifest, which the JVM has read already (the properties file costs a jar URL connection); from
     * the properties file when running from classes. {@code concat}, not {@code +}: no invokedynamic
     * bootstrap on this path.
     */
    static String text() throws IOException {
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return "vmdisk ".concat(fromManifest);
        }
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/vmdisk-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return "vmdisk ".concat(p.getProperty("version", "unknown"));
    }
}
