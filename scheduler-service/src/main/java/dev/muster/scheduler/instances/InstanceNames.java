package dev.muster.scheduler.instances;

/** LXD's rules for instance names: a valid host name label. */
public final class InstanceNames {

    /** The longest host name label. */
    private static final int MAX_LENGTH = 63;

    private InstanceNames() {}

    /** @return why {@code name} is not a valid instance name, or null when it is */
    public static String problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return "Instance name cannot be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "Name must be 1-63 characters long";
        }
        if (name.startsWith("-")) {
            return "Name must not start with \"-\" character";
        }
        if (name.endsWith("-")) {
            return "Name must not end with \"-\" character";
        }
        if (Character.isDigit(name.charAt(0))) {
            return "Name must not start with a number";
        }
        for (char c : name.toCharArray()) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!allowed) {
                return "Name can only contain alphanumeric and hyphen characters";
            }
        }
        return null;
    }
}
