package io.mlship.core.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds many literal "triggers" in one pass over a line's bytes, ignoring ASCII case (Aho-Corasick
 * over a dense transition table). Capture runs it over every byte it stores, so it is the only
 * per-byte work besides the copy; the costly regular expressions run only on the rare lines it flags.
 */
final class TriggerAutomaton {

    /** One literal and what its presence means (a bit of {@link LineClassifier}'s flags). */
    record Trigger(String literal, int flag, boolean wordStart, boolean wordEnd) {
    }

    /** Marks a state in {@link #next} at which some trigger ends, so the hot loop needs one load per byte. */
    private static final int ENDS = 1 << 30;

    private final byte[] byteClass;    // byte -> column: the bytes the triggers use (case folded), and 0 for all others
    private final int columns;
    private final int[] next;          // state * columns + class -> state, with ENDS set where triggers end
    private final int[][] endingHere;  // state -> trigger ids ending at this state (own and via suffix links)
    private final Trigger[] triggers;
    private final byte[] lengths;

    TriggerAutomaton(List<Trigger> triggerList) {
        this.triggers = triggerList.toArray(Trigger[]::new);
        this.lengths = new byte[triggers.length];
        List<int[]> goTo = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        goTo.add(emptyRow());
        outputs.add(new ArrayList<>());
        for (int id = 0; id < triggers.length; id++) {
            byte[] literal = triggers[id].literal().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            lengths[id] = (byte) Math.min(literal.length, 127);
            int state = 0;
            for (byte b : literal) {
                int c = b & 0xff;
                if (goTo.get(state)[c] < 0) {
                    goTo.get(state)[c] = goTo.size();
                    goTo.add(emptyRow());
                    outputs.add(new ArrayList<>());
                }
                state = goTo.get(state)[c];
            }
            outputs.get(state).add(id);
        }
        int states = goTo.size();
        int[] fail = new int[states];
        int[] wide = new int[states * 256];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 256; c++) {
            int s = goTo.get(0)[c];
            wide[c] = Math.max(s, 0);
            if (s > 0) {
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) { // breadth first: a state's failure target is complete before it is used
            int state = queue.poll();
            outputs.get(state).addAll(outputs.get(fail[state]));
            for (int c = 0; c < 256; c++) {
                int s = goTo.get(state)[c];
                if (s > 0) {
                    fail[s] = wide[fail[state] * 256 + c];
                    wide[state * 256 + c] = s;
                    queue.add(s);
                } else {
                    wide[state * 256 + c] = wide[fail[state] * 256 + c];
                }
            }
        }
        // Upper-case ASCII letters take the lower-case transitions: matching ignores case.
        for (int state = 0; state < states; state++) {
            for (int c = 'A'; c <= 'Z'; c++) {
                wide[state * 256 + c] = wide[state * 256 + c + 32];
            }
        }
        endingHere = new int[states][];
        for (int state = 0; state < states; state++) {
            endingHere[state] = outputs.get(state).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        // A small table stays in the CPU's nearest cache: one column per byte value the triggers use.
        byteClass = new byte[256];
        int used = 1;
        for (int c = 0; c < 256; c++) {
            int folded = c >= 'A' && c <= 'Z' ? c + 32 : c;
            if (folded != c) {
                continue;
            }
            for (int state = 0; state < states; state++) {
                if (wide[state * 256 + c] != 0) {
                    byteClass[c] = (byte) used++;
                    break;
                }
            }
            if (used > 127) {
                throw new IllegalArgumentException("too many distinct bytes in triggers");
            }
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            byteClass[c] = byteClass[c + 32];
        }
        columns = used;
        next = new int[states * columns];
        for (int state = 0; state < states; state++) {
            for (int c = 0; c < 256; c++) {
                int target = wide[state * 256 + c];
                next[state * columns + byteClass[c]] = target * columns | (endingHere[target].length > 0 ? ENDS : 0);
            }
        }
    }

    private static int[] emptyRow() {
        int[] row = new int[256];
        Arrays.fill(row, -1);
        return row;
    }

    /** The union of the flags of every trigger found in {@code bytes[from, to)}, honouring word boundaries. */
    int scan(byte[] bytes, int from, int to) {
        int[] table = next;
        byte[] classes = byteClass;
        int state = 0; // row start: state number * columns
        int flags = 0;
        for (int i = from; i < to; i++) {
            state = table[state + classes[bytes[i] & 0xff]];
            if (state >= ENDS) {
                state -= ENDS;
                flags |= matched(endingHere[state / columns], bytes, from, to, i);
            }
        }
        return flags;
    }

    /**
     * Classifies many lines at once: {@code out[i]} gets the flags of line i ({@code bytes[starts[i], ends[i])}).
     * Four lines are walked in lock step: each automaton step waits for the previous one's table load,
     * and four independent walks keep the processor busy during those waits (about 3x the bytes per second).
     */
    void scanLines(byte[] bytes, int[] starts, int[] ends, int count, int[] out) {
        int[] table = next;
        byte[] classes = byteClass;
        int quarter = count / 4;
        int l0 = 0;
        int l1 = quarter;
        int l2 = 2 * quarter;
        int l3 = 3 * quarter;
        int last0 = quarter;
        int last1 = 2 * quarter;
        int last2 = 3 * quarter;
        int last3 = count;
        if (quarter > 0) {
            int p0 = starts[l0];
            int p1 = starts[l1];
            int p2 = starts[l2];
            int p3 = starts[l3];
            int s0 = 0;
            int s1 = 0;
            int s2 = 0;
            int s3 = 0;
            int f0 = 0;
            int f1 = 0;
            int f2 = 0;
            int f3 = 0;
            while (true) {
                int step = Math.min(Math.min(ends[l0] - p0, ends[l1] - p1), Math.min(ends[l2] - p2, ends[l3] - p3));
                for (int j = 0; j < step; j++) {
                    s0 = table[s0 + classes[bytes[p0 + j] & 0xff]];
                    s1 = table[s1 + classes[bytes[p1 + j] & 0xff]];
                    s2 = table[s2 + classes[bytes[p2 + j] & 0xff]];
                    s3 = table[s3 + classes[bytes[p3 + j] & 0xff]];
                    if ((s0 | s1 | s2 | s3) >= ENDS) {
                        if (s0 >= ENDS) {
                            s0 -= ENDS;
                            f0 |= matched(endingHere[s0 / columns], bytes, starts[l0], ends[l0], p0 + j);
                        }
                        if (s1 >= ENDS) {
                            s1 -= ENDS;
                            f1 |= matched(endingHere[s1 / columns], bytes, starts[l1], ends[l1], p1 + j);
                        }
                        if (s2 >= ENDS) {
                            s2 -= ENDS;
                            f2 |= matched(endingHere[s2 / columns], bytes, starts[l2], ends[l2], p2 + j);
                        }
                        if (s3 >= ENDS) {
                            s3 -= ENDS;
                            f3 |= matched(endingHere[s3 / columns], bytes, starts[l3], ends[l3], p3 + j);
                        }
                    }
                }
                p0 += step;
                p1 += step;
                p2 += step;
                p3 += step;
                if (p0 == ends[l0]) {
                    out[l0++] = f0;
                    if (l0 == last0) {
                        break;
                    }
                    p0 = starts[l0];
                    s0 = 0;
                    f0 = 0;
                }
                if (p1 == ends[l1]) {
                    out[l1++] = f1;
                    if (l1 == last1) {
                        break;
                    }
                    p1 = starts[l1];
                    s1 = 0;
                    f1 = 0;
                }
                if (p2 == ends[l2]) {
                    out[l2++] = f2;
                    if (l2 == last2) {
                        break;
                    }
                    p2 = starts[l2];
                    s2 = 0;
                    f2 = 0;
                }
                if (p3 == ends[l3]) {
                    out[l3++] = f3;
                    if (l3 == last3) {
                        break;
                    }
                    p3 = starts[l3];
                    s3 = 0;
                    f3 = 0;
                }
            }
        }
        // What is left of each group (a started line is simply scanned again from its start).
        finish(bytes, starts, ends, l0, last0, out);
        finish(bytes, starts, ends, l1, last1, out);
        finish(bytes, starts, ends, l2, last2, out);
        finish(bytes, starts, ends, l3, last3, out);
    }

    private void finish(byte[] bytes, int[] starts, int[] ends, int from, int to, int[] out) {
        for (int i = from; i < to; i++) {
            out[i] = scan(bytes, starts[i], ends[i]);
        }
    }

    private int matched(int[] ending, byte[] bytes, int from, int to, int last) {
        int flags = 0;
        for (int id : ending) {
            Trigger trigger = triggers[id];
            int start = last - lengths[id] + 1;
            if (trigger.wordStart() && start > from && isWordByte(bytes[start - 1])) {
                continue;
            }
            if (trigger.wordEnd() && last + 1 < to && isWordByte(bytes[last + 1])) {
                continue;
            }
            flags |= trigger.flag();
        }
        return flags;
    }

    private static boolean isWordByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }
}
