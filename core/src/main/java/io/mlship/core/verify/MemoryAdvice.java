package io.mlship.core.verify;

import io.mlship.core.common.MemorySize;

/** Turns a measured memory peak into the limit to set: the peak must stay within the headroom fraction. */
final class MemoryAdvice {

    /** Limits are recommended in steps of 16 MiB, as people set them. */
    static final MemorySize STEP = MemorySize.ofMebibytes(16);

    private MemoryAdvice() {
    }

    static MemorySize recommendedLimit(MemorySize peak, double headroom) {
        long needed = (long) Math.ceil(peak.bytes() / headroom);
        return new MemorySize(Math.max(needed, STEP.bytes())).roundUpTo(STEP);
    }

    /** The limit of the measuring run after an OOM kill: four times the failed limit, at least 256 MiB, at most half the host. */
    static MemorySize measuringLimit(MemorySize failedLimit, MemorySize hostMemory) {
        long wanted = Math.max(failedLimit.bytes() * 4, MemorySize.ofMebibytes(256).bytes());
        long cap = hostMemory.bytes() > 0 ? hostMemory.bytes() / 2 : wanted;
        return new MemorySize(Math.max(failedLimit.bytes(), Math.min(wanted, cap))).roundUpTo(STEP);
    }
}
