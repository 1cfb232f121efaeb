package dev.vmdisk.platform.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelThreadsTest {
    @Test
    void readsPfKthreadAfterTheLastParenthesis() {
        assertTrue(KernelThreads.isKernelThread("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0"));
        assertFalse(KernelThreads.isKernelThread("77 (a) b) c) S 1 77 77 0 -1 4194560 0 0"));
        assertTrue(KernelThreads.isKernelThread("78 (x) 1 2 (y)) S 2 0 0 0 -1 2129984 0"));
        assertFalse(KernelThreads.isKernelThread(""));
        assertFalse(KernelThreads.isKernelThread("3 (short) S 1"));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads Linux /proc")
    void thisJvmIsNotAKernelThread() {
        assertFalse(KernelThreads.is(Path.of("/proc/self")));
    }
}
