package dev.vmdisk.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code vmdisk --version}: the version Maven stamped into vmdisk-version.properties. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/vmdisk-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"vmdisk " + p.getProperty("version", "unknown")};
    }
}
