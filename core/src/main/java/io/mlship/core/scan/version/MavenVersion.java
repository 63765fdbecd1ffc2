package io.mlship.core.scan.version;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Maven artifact versions ordered with the semantics of Maven's {@code ComparableVersion}: the version is
 * split at '.', '-' and digit/letter transitions into numbers, qualifiers and (after '-') sub-lists;
 * known qualifiers order as alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final =
 * release &lt; sp, unknown qualifiers after them alphabetically; trailing zeros and empty qualifiers vanish.
 */
public final class MavenVersion implements Comparable<MavenVersion> {

    public static final VersionScheme SCHEME = new VersionScheme() {
        @Override
        public boolean isValid(String version) {
            return version != null && !version.isBlank();
        }

        @Override
        public int compare(String left, String right) {
            return new MavenVersion(left).compareTo(new MavenVersion(right));
        }
    };

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final String RELEASE_INDEX = String.valueOf(QUALIFIERS.indexOf(""));

    private final String text;
    private final ListItem items;

    public MavenVersion(String version) {
        this.text = version;
        this.items = parse(version.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public int compareTo(MavenVersion other) {
        return items.compareTo(other.items);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MavenVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return items.toString().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static ListItem parse(String version) {
        ListItem list = new ListItem();
        ListItem root = list;
        Deque<ListItem> stack = new ArrayDeque<>();
        stack.push(list);
        boolean isDigit = false;
        int start = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '.' || c == '-') {
                list.add(i == start ? IntItem.ZERO : item(isDigit, version.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    ListItem sub = new ListItem();
                    list.add(sub);
                    list = sub;
                    stack.push(list);
                }
            } else if (Character.isDigit(c)) {
                if (!isDigit && i > start) {
                    list.add(new StringItem(version.substring(start, i), true));
                    start = i;
                    ListItem sub = new ListItem();
                    list.add(sub);
                    list = sub;
                    stack.push(list);
                }
                isDigit = true;
            } else {
                if (isDigit && i > start) {
                    list.add(item(true, version.substring(start, i)));
                    start = i;
                    ListItem sub = new ListItem();
                    list.add(sub);
                    list = sub;
                    stack.push(list);
                }
                isDigit = false;
            }
        }
        if (version.length() > start) {
            list.add(item(isDigit, version.substring(start)));
        }
        while (!stack.isEmpty()) {
            stack.pop().normalize();
        }
        return root;
    }

    private static Item item(boolean isDigit, String text) {
        return isDigit ? new IntItem(new BigInteger(text)) : new StringItem(text, false);
    }

    private interface Item {
        int compareTo(Item other);

        boolean isNull();
    }

    private record IntItem(BigInteger value) implements Item {
        static final IntItem ZERO = new IntItem(BigInteger.ZERO);

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return value.signum() == 0 ? 0 : 1;
            }
            if (other instanceof IntItem i) {
                return value.compareTo(i.value);
            }
            return 1; // a number is newer than a qualifier (1.1 > 1-sp) and than a sub-list (1.1 > 1-1)
        }

        @Override
        public boolean isNull() {
            return value.signum() == 0;
        }
    }

    private static final class StringItem implements Item {
        private final String value;

        StringItem(String value, boolean followedByDigit) {
            if (followedByDigit && value.length() == 1) {
                value = switch (value.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> value;
                };
            }
            this.value = switch (value) {
                case "ga", "final", "release" -> "";
                case "cr" -> "rc";
                default -> value;
            };
        }

        private static String comparable(String qualifier) {
            int i = QUALIFIERS.indexOf(qualifier);
            return i == -1 ? QUALIFIERS.size() + "-" + qualifier : String.valueOf(i);
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return comparable(value).compareTo(RELEASE_INDEX);
            }
            if (other instanceof StringItem s) {
                return comparable(value).compareTo(comparable(s.value));
            }
            return -1;
        }

        @Override
        public boolean isNull() {
            return value.isEmpty();
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private static final class ListItem extends ArrayList<Item> implements Item {
        private static final long serialVersionUID = 1L;

        void normalize() {
            for (int i = size() - 1; i >= 0; i--) {
                Item last = get(i);
                if (last.isNull()) {
                    remove(i);
                } else if (!(last instanceof ListItem)) {
                    break;
                }
            }
        }

        @Override
        public boolean isNull() {
            return isEmpty();
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return isEmpty() ? 0 : get(0).compareTo(null);
            }
            if (other instanceof IntItem) {
                return -1;
            }
            if (other instanceof StringItem) {
                return 1;
            }
            Iterator<Item> left = iterator();
            Iterator<Item> right = ((ListItem) other).iterator();
            while (left.hasNext() || right.hasNext()) {
                Item l = left.hasNext() ? left.next() : null;
                Item r = right.hasNext() ? right.next() : null;
                int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
