package io.junction.transport.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.transport.testing.TestPki;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Junction's channel binding data against OpenSSL's own (through Python's ssl module and
 * pyOpenSSL, Debian's python3-openssl): tls-unique and tls-exporter are derived here from key log
 * secrets and a recorded handshake, so only an independent TLS stack can tell they are right.
 * pyOpenSSL is installed with apt-get when {@code /usr/bin/python3} cannot import it.
 */
class ChannelBindingGroundTruthTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static Path script;
    private static EventLoopGroup group;

    @BeforeAll
    static void setUp() throws Exception {
        assertThat(OpenSsl.isAvailable()).as("BoringSSL (netty-tcnative-boringssl-static) loads").isTrue();
        installPyOpenSslIfMissing();
        pki = new TestPki(dir);
        script = dir.resolve("channel_binding_peer.py");
        try (InputStream in = ChannelBindingGroundTruthTest.class.getResourceAsStream("/tls/channel_binding_peer.py")) {
            Files.copy(in, script);
        }
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    private static void installPyOpenSslIfMissing() throws Exception {
        if (pyOpenSslImports()) {
            return;
        }
        Process install = new ProcessBuilder("bash", "-c", "export DEBIAN_FRONTEND=noninteractive; "
                + "apt-get update -q && apt-get install -y -q python3-openssl")
                .redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        install.waitFor(10, TimeUnit.MINUTES);
        assertThat(pyOpenSslImports()).as("%s imports OpenSSL after apt-get install python3-openssl:%n%s",
                PYTHON, output).isTrue();
    }

    private static boolean pyOpenSslImports() throws Exception {
        return Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import OpenSSL").start().waitFor() == 0;
    }

    @AfterAll
    static void tearDown() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Writes "type=hex ..." of the connection's bindings once its handshake is done. */
    private static final class ReportBindings extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
                ctx.writeAndFlush(Unpooled.copiedBuffer(line(bindings(ctx.channel())) + "\n", StandardCharsets.US_ASCII));
            }
        }
    }

    private static Map<String, String> bindings(Channel channel) {
        TlsInfo info = TlsInfo.of(channel);
        Map<String, String> out = new LinkedHashMap<>();
        for (String type : info.channelBindingTypes()) {
            out.put(type, HexFormat.of().formatHex(info.channelBinding(type).orElseThrow()));
        }
        return out;
    }

    private static String line(Map<String, String> bindings) {
        StringBuilder sb = new StringBuilder();
        bindings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static Process python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void junctionServerAgreesWithOpenSslClient(String version) throws Exception {
        try (TlsContext tls = TlsContext.forServer(TlsServerConfig.of(pki.chain(pki.server, "server"),
                pki.key(pki.server, "server")).withProtocols("TLSv" + version))) {
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            tls.addServerHandlers(ch.pipeline());
                            ch.pipeline().addLast(new ReportBindings());
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            try {
                int port = ((InetSocketAddress) listener.localAddress()).getPort();
                Process p = python("client", String.valueOf(port), version);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                List<Boolean> resumed = new ArrayList<>();
                for (JsonNode result : new ObjectMapper().readTree(out)) {
                    assertThat(result.get("protocol").asText()).isEqualTo("TLSv" + version);
                    JsonNode openssl = result.get("openssl");
                    assertThat(openssl.size()).isEqualTo(2);
                    openssl.properties().forEach(e -> assertThat(result.get("junction").path(e.getKey()).asText())
                            .as(e.getKey()).isEqualTo(e.getValue().asText()));
                    resumed.add(result.get("resumed").asBoolean());
                }
                // the second connection resumes the first one's session: the abbreviated handshake's
                // tls-unique is the server's Finished, not the client's
                assertThat(resumed).containsExactly(false, true);
            } finally {
                listener.close().sync();
            }
        }
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void junctionClientAgreesWithOpenSslServer(String version) throws Exception {
        int connections = 2;
        Process server = python("server", version, pki.chain(pki.server, "server").toString(),
                pki.key(pki.server, "server").toString(), String.valueOf(connections));
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        int port = Integer.parseInt(serverOut.readLine().substring("port=".length()));
        List<Boolean> resumed = new ArrayList<>();
        try (TlsContext tls = TlsContext.forClient(TlsClientConfig.defaults()
                .withTrustedCertificates(pki.ca(pki.serverCa, "server")).withProtocols("TLSv" + version))) {
            for (int i = 0; i < connections; i++) {
                CompletableFuture<String> theirs = new CompletableFuture<>();
                CompletableFuture<Map<String, String>> ours = new CompletableFuture<>();
                Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                tls.addClientHandlers(ch.pipeline(), "localhost", port);
                                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                    private final StringBuilder line = new StringBuilder();

                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                        if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
                                            ours.complete(bindings(ctx.channel()));
                                        }
                                    }

                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        ByteBuf buf = (ByteBuf) msg;
                                        line.append(buf.toString(StandardCharsets.US_ASCII));
                                        buf.release();
                                        if (line.indexOf("\n") >= 0) {
                                            theirs.complete(line.toString().strip());
                                        }
                                    }
                                });
                            }
                        }).connect("127.0.0.1", port).sync().channel();
                Map<String, String> expected = new LinkedHashMap<>();
                for (String item : theirs.get(30, TimeUnit.SECONDS).split(" ")) {
                    String[] kv = item.split("=", 2);
                    expected.put(kv[0], kv[1]);
                }
                resumed.add(Boolean.parseBoolean(expected.remove("resumed")));
                assertThat(ours.get(30, TimeUnit.SECONDS)).as("connection %d", i).containsAllEntriesOf(expected);
                channel.close().sync();
            }
        } finally {
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // Junction's client does not resume TLS sessions: every handshake is a full one
        assertThat(resumed).containsOnly(false);
    }
}
