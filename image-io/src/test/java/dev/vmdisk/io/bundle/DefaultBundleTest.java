package dev.vmdisk.io.bundle;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DefaultBundleTest {

    @Test
    void onMacosTheClaudeAppsBundleUnderHome() {
        assertEquals(Optional.of(Path.of("/Users/ann/Library/Application Support/Claude/vm_bundles/claudevm.bundle")),
                DefaultBundle.location("Mac OS X", Path.of("/Users/ann")));
    }

    @Test
    void elsewhereNone() {
        assertEquals(Optional.empty(), DefaultBundle.location("Linux", Path.of("/home/ann")));
        assertEquals(Optional.empty(), DefaultBundle.location("Windows 11", Path.of("C:\\Users\\ann")));
    }
}
