package io.junction.transport.testing;

import io.junction.core.message.Abort;
import io.junction.core.message.Dicts;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in codec for transport tests, independent of the real serializers: a few message types
 * as UTF-8 text with '|' between fields, e.g. {@code 1|realm1}, {@code 6|wamp.close.normal},
 * {@code 3|reason|message}, {@code 16|7|com.topic|a,b}. The same text is used for every
 * serialization (binary ones just travel in binary frames).
 */
public final class TestCodec implements WampCodec {

    private final Serialization serialization;

    public TestCodec(Serialization serialization) {
        this.serialization = serialization;
    }

    public static Function<Serialization, WampCodec> codecs() {
        return TestCodec::new;
    }

    @Override
    public Serialization serialization() {
        return serialization;
    }

    @Override
    public Message decode(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        String[] f = text.split("\\|", -1);
        try {
            return switch (f[0]) {
                case "1" -> new Hello(f[1], Map.of());
                case "3" -> Abort.withMessage(f[1], f[2]);
                case "6" -> new Goodbye(Map.of(), f[1]);
                case "16" -> new Publish(Long.parseLong(f[1]), Map.of(), f[2],
                        f.length > 3 ? Payload.of(Arrays.asList((Object[]) f[3].split(",", -1))) : Payload.NONE);
                default -> throw new ProtocolViolation("unknown test message: " + abbreviate(text));
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new ProtocolViolation("malformed test message: " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    @Override
    public void encode(Message message, OutputStream out) throws IOException {
        String text;
        if (message instanceof Hello m) {
            text = "1|" + m.realm();
        } else if (message instanceof Abort m) {
            text = "3|" + m.reason() + "|" + Dicts.string(m.details(), "message", "");
        } else if (message instanceof Goodbye m) {
            text = "6|" + m.reason();
        } else if (message instanceof Publish m) {
            text = "16|" + m.request() + "|" + m.topic();
            List<Object> args = m.payload().args();
            if (args != null) {
                text += "|" + String.join(",", args.stream().map(String::valueOf).toList());
            }
        } else {
            throw new IllegalArgumentException("TestCodec cannot encode " + message.type());
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object decodeValue(byte[] bytes, int offset, int length) {
        throw new UnsupportedOperationException();
    }
}
