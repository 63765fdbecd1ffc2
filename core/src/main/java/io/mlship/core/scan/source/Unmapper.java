package io.mlship.core.scan.source;

import java.lang.reflect.Field;
import java.nio.MappedByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Unmaps memory maps that are no longer read, on a background thread. Java 17 has no public way to unmap
 * a {@link MappedByteBuffer}: left to the garbage collector (which a scan does not run), the maps of a whole
 * image were torn down at exit, where tearing down 1.5 GiB of them cost the scan about 30 ms; unmapped here,
 * this runs on the second core while the scan goes on. It uses {@code sun.misc.Unsafe.invokeCleaner} (module
 * jdk.unsupported, the way Lucene and Netty release buffers). Where that is not available, maps are left to
 * the collector, which is slower but just as correct.
 */
final class Unmapper {

    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mlship-unmap");
        thread.setDaemon(true);
        return thread;
    });

    private Unmapper() {
    }

    /** The caller must never read {@code map} again. */
    static void unmap(MappedByteBuffer map) {
        if (UNSAFE != null) {
            THREAD.execute(() -> UNSAFE.invokeCleaner(map));
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
