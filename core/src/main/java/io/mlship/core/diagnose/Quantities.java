package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;

/** Kubernetes quantities as users paste them into YAML: memory in whole MiB ({@code 243Mi}), CPU in millicores ({@code 862m}). */
public final class Quantities {

    private Quantities() {
    }

    /** Rounded up to a whole MiB: a limit rounded down could be the one byte the kernel kills at. */
    public static String memory(long bytes) {
        return mebibytesUp(bytes) + "Mi";
    }

    public static long mebibytesUp(long bytes) {
        return (bytes + MemorySize.MIB - 1) / MemorySize.MIB;
    }

    /** Rounded up to a whole millicore, at least 1m. */
    public static String cpu(double cores) {
        return millicoresUp(cores) + "m";
    }

    public static long millicoresUp(double cores) {
        // 1e-9 absorbs the binary fraction error of values like 0.862 * 1000 = 862.0000000000001
        return Math.max(1, (long) Math.ceil(cores * 1000 - 1e-9));
    }
}
