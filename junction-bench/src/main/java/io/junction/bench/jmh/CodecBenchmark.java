package io.junction.bench.jmh;

import io.junction.core.message.Call;
import io.junction.core.message.Event;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decoding and encoding the messages of the hot path (CALL, EVENT) in each serialization, with a
 * small and a 1 KB payload; and forwarding a payload that came in raw: to a receiver of the same
 * serialization (the bytes pass through) and of another one (decoded and encoded again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    @Param({"json", "msgpack", "cbor", "ubjson"})
    public String serializer;

    /** Size of the payload: one string argument of this many characters. */
    @Param({"64", "1024"})
    public int payload;

    private WampCodec codec;
    private WampCodec other;
    private Call call;
    private Event event;
    private byte[] callBytes;
    private byte[] eventBytes;
    private final Sink out = new Sink();

    @Setup
    public void setUp() {
        codec = Codecs.of(Serialization.ofId(serializer));
        other = Codecs.of(codec.serialization() == Serialization.JSON ? Serialization.MSGPACK : Serialization.JSON);
        String text = "x".repeat(payload);
        Payload args = Payload.of(List.of(text, 42L), Map.of("flag", true));
        call = new Call(7_331L, Map.of(), "com.example.procedure", args);
        event = new Event(5_118_127_489_364_377L, 3_141_592_653_589_793L, Map.of(), args);
        callBytes = codec.encode(call);
        eventBytes = codec.encode(event);
    }

    @Benchmark
    public Message decodeCall() {
        return codec.decode(callBytes);
    }

    @Benchmark
    public Message decodeEvent() {
        return codec.decode(eventBytes);
    }

    @Benchmark
    public int encodeCall() throws IOException {
        out.reset();
        codec.encode(call, out);
        return out.size();
    }

    @Benchmark
    public int encodeEvent() throws IOException {
        out.reset();
        codec.encode(event, out);
        return out.size();
    }

    /** A CALL in, its INVOCATION out to a callee of the same serialization: the payload bytes are copied as they are. */
    @Benchmark
    public int callToInvocationPassThrough() throws IOException {
        Call in = (Call) codec.decode(callBytes);
        out.reset();
        codec.encode(new Invocation(in.request(), 1L, Map.of(), in.payload()), out);
        return out.size();
    }

    /** The same for a callee of another serialization: the payload is decoded and encoded again. */
    @Benchmark
    public int callToInvocationReencode() throws IOException {
        Call in = (Call) codec.decode(callBytes);
        out.reset();
        other.encode(new Invocation(in.request(), 1L, Map.of(), in.payload()), out);
        return out.size();
    }

    /** A ByteArrayOutputStream that can be reused without copying its contents. */
    private static final class Sink extends ByteArrayOutputStream {
        Sink() {
            super(4096);
        }
    }
}
