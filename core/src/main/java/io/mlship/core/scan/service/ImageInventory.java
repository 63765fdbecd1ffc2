package io.mlship.core.scan.service;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.LargeFile;
import io.mlship.core.scan.LayerSummary;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.layer.LayerContent;
import io.mlship.core.scan.source.ImageArchive;
import io.mlship.core.scan.source.ImageManifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image as its layers stack up: each layer's findings get their layer index, and a finding is dropped
 * when a later layer deletes (whiteout, opaque folder) or overwrites its file. Secrets are the exception:
 * a deleted file is still in its layer's blob, so it is kept and marked {@code removedLater}.
 */
record ImageInventory(List<LayerSummary> layers, List<InstalledPackage> packages, List<SecretFinding> secrets,
                      List<LargeFile> largestFiles, Map<String, long[]> cachesByKind, List<String> skipped,
                      List<String> notScanned, long imageBytes) {

    static ImageInventory of(ImageArchive archive, ImageManifest manifest) {
        List<LayerContent> stack = new ArrayList<>();
        List<String> skipped = new ArrayList<>(manifest.skipped());
        List<String> notScanned = new ArrayList<>(manifest.notScanned());
        List<LayerSummary> layers = new ArrayList<>();
        for (String blob : manifest.layers()) {
            LayerContent layer = archive.layer(blob);
            if (layer == null) {
                // A manifest naming a blob the archive does not hold (e.g. "../../etc/hostname") is an image that
                // was not read: failing closed, not "0 files, passed".
                notScanned.add("layer " + blob + " " + archive.whyNotALayer(blob) + "; its files were not scanned");
                layer = new LayerContent(blob);
            } else if (layer.unreadable() != null && stack.indexOf(layer) < 0) {
                notScanned.add(layer.unreadable());
            }
            layers.add(new LayerSummary(stack.size(), blob, layer.files(), layer.bytes()));
            stack.add(layer);
        }
        List<InstalledPackage> packages = new ArrayList<>();
        List<SecretFinding> secrets = new ArrayList<>();
        List<LargeFile> largest = new ArrayList<>();
        Map<String, long[]> caches = new LinkedHashMap<>();
        long imageBytes = 0;
        for (int i = 0; i < stack.size(); i++) {
            LayerContent layer = stack.get(i);
            imageBytes += layer.bytes();
            for (InstalledPackage pkg : layer.packages()) {
                if (!hiddenAbove(stack, i, outerPath(pkg.path()))) {
                    packages.add(pkg.inLayer(i));
                }
            }
            for (SecretFinding secret : layer.secrets()) {
                secrets.add(secret.inLayer(i, hiddenAbove(stack, i, secret.path())));
            }
            for (LargeFile f : layer.largestFiles()) {
                largest.add(new LargeFile(f.path(), i, f.bytes()));
            }
            layer.caches().forEach((kind, tally) -> {
                long[] sum = caches.computeIfAbsent(kind, k -> new long[2]);
                sum[0] += tally[0];
                sum[1] += tally[1];
            });
            if (stack.indexOf(layer) == i) { // a blob used twice reports its skips once
                int index = i;
                layer.skips().forEach(s -> skipped.add("layer " + index + ": " + s));
            }
        }
        largest.sort(Comparator.comparingLong(LargeFile::bytes).reversed());
        return new ImageInventory(layers, packages, secrets, largest.subList(0, Math.min(10, largest.size())), caches,
                skipped, notScanned, imageBytes);
    }

    /** A finding inside an archive ({@code /app/fat.jar!/BOOT-INF/lib/x.jar}) lives or dies with the outer file. */
    private static String outerPath(String path) {
        int bang = path.indexOf("!/");
        return bang < 0 ? path : path.substring(0, bang);
    }

    private static boolean hiddenAbove(List<LayerContent> stack, int index, String path) {
        for (int j = index + 1; j < stack.size(); j++) {
            if (stack.get(j).hides(path)) {
                return true;
            }
        }
        return false;
    }
}
