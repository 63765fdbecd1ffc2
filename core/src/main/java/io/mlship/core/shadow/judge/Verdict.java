package io.mlship.core.shadow.judge;

/** One criterion at one check. */
public enum Verdict {
    PASS, FAIL, NO_DATA;

    public String label() {
        return switch (this) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case NO_DATA -> "no-data";
        };
    }
}
