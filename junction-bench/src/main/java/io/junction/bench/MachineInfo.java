package io.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on: CPU, memory, JDK, OS, and how busy the machine was. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "%d cpus (%s), %s RAM, %s %s, %s %s %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} has them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        return procField("/proc/cpuinfo", "model name", "unknown CPU");
    }

    private static String memory() {
        String kb = procField("/proc/meminfo", "MemTotal", null);
        if (kb == null) {
            return "unknown";
        }
        long k = Long.parseLong(kb.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", k / 1024.0 / 1024.0);
    }

    private static String procField(String file, String key, String otherwise) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return otherwise;
    }
}
