package io.mlship.core.verify;

import io.mlship.core.common.MemorySize;

/**
 * The limit of verify's measuring run. The limit to recommend is not worked out here: it is the diagnosis' rule
 * ({@link io.mlship.core.diagnose.OomAdvice}), so verify names one number, the one {@code mlship diagnose} names.
 */
final class MemoryAdvice {

    /** The measuring limit is rounded up to 16 MiB steps. */
    static final MemorySize STEP = MemorySize.ofMebibytes(16);

    private MemoryAdvice() {
    }

    /** The limit of the measuring run after an OOM kill: four times the failed limit, at least 256 MiB, at most half the host. */
    static MemorySize measuringLimit(MemorySize failedLimit, MemorySize hostMemory) {
        long wanted = Math.max(failedLimit.bytes() * 4, MemorySize.ofMebibytes(256).bytes());
        long cap = hostMemory.bytes() > 0 ? hostMemory.bytes() / 2 : wanted;
        return new MemorySize(Math.max(failedLimit.bytes(), Math.min(wanted, cap))).roundUpTo(STEP);
    }
}
