package io.mlship.core.scan.osv;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The CVSS v3.0/v3.1 base score of a vector string, with the specification's formula and round-up. */
public final class CvssV3 {

    private CvssV3() {
    }

    public static Optional<Double> baseScore(String vector) {
        if (vector == null || !vector.startsWith("CVSS:3.")) {
            return Optional.empty();
        }
        Map<String, String> m = new HashMap<>();
        for (String part : vector.split("/")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                m.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        try {
            boolean changed = "C".equals(m.get("S"));
            double av = pick(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
            double ac = pick(m.get("AC"), "L", 0.77, "H", 0.44, "", 0, "", 0);
            double pr = pick(m.get("PR"), "N", 0.85, "L", changed ? 0.68 : 0.62, "H", changed ? 0.5 : 0.27, "", 0);
            double ui = pick(m.get("UI"), "N", 0.85, "R", 0.62, "", 0, "", 0);
            double iss = 1 - (1 - impact(m.get("C"))) * (1 - impact(m.get("I"))) * (1 - impact(m.get("A")));
            double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
            double exploitability = 8.22 * av * ac * pr * ui;
            if (impact <= 0) {
                return Optional.of(0.0);
            }
            double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
            return Optional.of(roundUp(Math.min(sum, 10)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static double impact(String value) {
        return pick(value, "H", 0.56, "L", 0.22, "N", 0, "", 0);
    }

    private static double pick(String value, String k1, double v1, String k2, double v2, String k3, double v3,
                               String k4, double v4) {
        if (value != null && !value.isEmpty()) {
            if (value.equals(k1)) {
                return v1;
            }
            if (value.equals(k2)) {
                return v2;
            }
            if (value.equals(k3)) {
                return v3;
            }
            if (value.equals(k4)) {
                return v4;
            }
        }
        throw new IllegalArgumentException("bad CVSS metric value " + value);
    }

    /** CVSS 3.1 Appendix A round-up: the smallest one-decimal number ≥ x, immune to floating-point noise. */
    static double roundUp(double x) {
        long i = Math.round(x * 100000);
        return i % 10000 == 0 ? i / 100000.0 : (Math.floor(i / 10000.0) + 1) / 10.0;
    }
}
