package dev.muster.scheduler.scriptlet;

import java.util.Locale;
import java.util.Map;

/**
 * What an instance asks for, as the scriptlet's {@code get_instance_resources()} gives it: {@code cpu_cores} from
 * {@code limits.cpu} (a count, or a set like {@code 0-3,6}), {@code memory_size} in bytes from {@code limits.memory}
 * (LXD's units; a percentage counts as 0, since it depends on the member), {@code root_disk_size} in bytes from the
 * root disk device's {@code size}.
 */
final class InstanceResources {

    private InstanceResources() {}

    static Map<String, Object> of(Map<String, String> config, Map<String, Map<String, String>> devices) {
        String rootSize = devices.values().stream()
                .filter(device -> "disk".equals(device.get("type")) && "/".equals(device.get("path")))
                .map(device -> device.getOrDefault("size", ""))
                .findFirst()
                .orElse("");
        return Map.of(
                "cpu_cores", cpuCores(config.getOrDefault("limits.cpu", "")),
                "memory_size", bytes(config.getOrDefault("limits.memory", "")),
                "root_disk_size", bytes(rootSize));
    }

    static long cpuCores(String limit) {
        if (limit.isBlank()) {
            return 0;
        }
        if (limit.matches("\\d+")) {
            return Long.parseLong(limit);
        }
        long cores = 0;
        for (String part : limit.split(",")) {
            String[] range = part.trim().split("-");
            cores += range.length == 2 ? Long.parseLong(range[1].trim()) - Long.parseLong(range[0].trim()) + 1 : 1;
        }
        return cores;
    }

    static long bytes(String size) {
        String value = size.trim();
        if (value.isEmpty() || value.endsWith("%")) {
            return 0;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        String[][] units = {
            {"KIB", "1024"},
            {"MIB", "1048576"},
            {"GIB", "1073741824"},
            {"TIB", "1099511627776"},
            {"KB", "1000"},
            {"MB", "1000000"},
            {"GB", "1000000000"},
            {"TB", "1000000000000"},
            {"B", "1"}
        };
        for (String[] unit : units) {
            if (upper.endsWith(unit[0])) {
                return (long) (Double.parseDouble(value.substring(0, value.length() - unit[0].length())
                                .trim())
                        * Long.parseLong(unit[1]));
            }
        }
        return Long.parseLong(value);
    }
}
