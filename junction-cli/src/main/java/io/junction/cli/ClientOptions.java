package io.junction.cli;

import io.junction.client.WampClient;
import io.junction.core.serialization.Serialization;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The options every client command shares: where the router is, which realm, which serializer. */
final class ClientOptions {

    static final String DEFAULT_URL = "ws://127.0.0.1:8080/ws";

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "Router URL: ws://host:port/path (WebSocket) or rs://host:port (RawSocket). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--realm", paramLabel = "REALM", defaultValue = "realm1",
            description = "Realm to join. Default: ${DEFAULT-VALUE}.")
    String realm;

    @Option(names = "--serializer", paramLabel = "NAME", defaultValue = "json",
            converter = SerializationConverter.class,
            description = "json, msgpack, cbor or ubjson. Default: ${DEFAULT-VALUE}.")
    Serialization serialization;

    /** A client for these options; its builder can still be adjusted by the command. */
    WampClient.Builder builder() {
        return WampClient.builder().url(url).realm(realm).serialization(serialization);
    }

    static final class SerializationConverter implements ITypeConverter<Serialization> {

        @Override
        public Serialization convert(String value) {
            Serialization s = Serialization.ofId(value);
            if (s == null) {
                throw new TypeConversionException("unknown serializer '" + value + "': use one of "
                        + Arrays.stream(Serialization.values()).map(Serialization::id).collect(Collectors.joining(", ")));
            }
            return s;
        }
    }
}
