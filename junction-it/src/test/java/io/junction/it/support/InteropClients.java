package io.junction.it.support;

import io.junction.core.serialization.Serialization;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The third-party clients run as processes: Autobahn|Python (Debian's {@code /usr/bin/python3})
 * and AutobahnJS (Node, pinned by {@code package-lock.json}). The first use runs
 * {@code src/test/interop/install-clients.sh}, which installs whatever is missing; if a client is
 * still unavailable, every test that needs one fails with the installer's output.
 */
public final class InteropClients {

    public static final String PYTHON = "/usr/bin/python3";
    public static final String NODE = "node";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private static ProcessResult installation; // guarded by InteropClients.class

    private InteropClients() {
    }

    /** {@code junction-it/src/test/interop}. */
    public static Path interopDir() {
        return Paths.moduleDir().resolve("src/test/interop");
    }

    public static Path pythonDir() {
        return interopDir().resolve("python");
    }

    public static Path jsDir() {
        return interopDir().resolve("js");
    }

    /** What Autobahn|Python speaks: every serialization over WebSocket and over RawSocket. */
    public static List<Cell> pythonCells() {
        List<Cell> cells = new ArrayList<>();
        for (WireTransport t : List.of(WireTransport.WEBSOCKET, WireTransport.RAWSOCKET)) {
            for (Serialization s : Serialization.values()) {
                cells.add(new Cell(t, s));
            }
        }
        return cells;
    }

    /** What AutobahnJS on Node speaks: WebSocket with json, msgpack and cbor, RawSocket with json only. */
    public static List<Cell> jsCells() {
        return List.of(new Cell(WireTransport.WEBSOCKET, Serialization.JSON),
                new Cell(WireTransport.WEBSOCKET, Serialization.MSGPACK),
                new Cell(WireTransport.WEBSOCKET, Serialization.CBOR),
                new Cell(WireTransport.RAWSOCKET, Serialization.JSON));
    }

    /** Installs the clients once per test run; fails (never skips) when they cannot be had. */
    public static synchronized void ensureInstalled() {
        if (installation == null) {
            Path script = interopDir().resolve("install-clients.sh");
            if (!Files.isRegularFile(script)) {
                throw new AssertionError("missing " + script);
            }
            try (ExternalProcess install = ExternalProcess.start("install-clients.sh", interopDir(),
                    List.of("bash", script.toString()))) {
                installation = install.awaitExit(INSTALL_TIMEOUT);
            }
        }
        if (installation.timedOut() || installation.exitCode() != 0) {
            throw new AssertionError("the third-party WAMP clients are not available\n" + installation.describe());
        }
    }

    /** Starts {@code interop_client.py MODE} for a router URL; see the script for the modes. */
    public static ExternalProcess python(String mode, String url, Serialization serialization, String prefix,
                                         String... extra) {
        ensureInstalled();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-u", "interop_client.py", mode, "--url", url,
                "--serializer", serialization.id(), "--realm", RouterFixture.REALM, "--prefix", prefix));
        cmd.addAll(List.of(extra));
        return ExternalProcess.start("autobahn-python " + mode + " " + label(url, serialization), pythonDir(), cmd);
    }

    /** Starts {@code interop_client.js MODE} for a router URL; see the script for the modes. */
    public static ExternalProcess js(String mode, String url, Serialization serialization, String prefix,
                                     String... extra) {
        ensureInstalled();
        List<String> cmd = new ArrayList<>(List.of(NODE, "interop_client.js", mode, "--url", url,
                "--serializer", serialization.id(), "--realm", RouterFixture.REALM, "--prefix", prefix));
        cmd.addAll(List.of(extra));
        return ExternalProcess.start("autobahn-js " + mode + " " + label(url, serialization), jsDir(), cmd);
    }

    private static String label(String url, Serialization serialization) {
        return (url.startsWith("ws") ? "websocket" : "rawsocket") + "/" + serialization.id();
    }
}
