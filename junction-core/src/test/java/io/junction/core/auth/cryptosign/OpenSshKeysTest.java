package io.junction.core.auth.cryptosign;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSshKeysTest {

    private static final JsonNode KEYS = Vectors.read("autobahn-python/auth/wampcryptosign.json").get("ssh_keys");

    @Test
    void readsTheVectorsPrivateKey() {
        JsonNode v = KEYS.get(0);
        OpenSshKeys.PrivateKey k = OpenSshKeys.parsePrivateKey(v.get("openssh_private_key").asText());
        assertThat(k.key().publicKeyHex()).isEqualTo(v.get("expected_public_key_hex").asText());
        assertThat(Vectors.hex(k.key().seed())).isEqualTo(v.get("derived_here_seed_hex").asText());
        assertThat(k.comment()).isEqualTo("someuser@funkthat.com");
    }

    @Test
    void readsTheVectorsPublicKey() {
        JsonNode v = KEYS.get(1);
        OpenSshKeys.PublicKey k = OpenSshKeys.parsePublicKey(v.get("openssh_public_key").asText());
        assertThat(Vectors.hex(k.key())).isEqualTo(v.get("expected_public_key_hex").asText());
        assertThat(k.comment()).isEqualTo(v.get("expected_comment").asText());
    }

    @Test
    void writesWhatItReads() {
        SigningKey key = SigningKey.generate();
        String file = OpenSshKeys.formatPrivateKey(key, "alice@example.com");
        assertThat(file).startsWith(OpenSshKeys.PRIVATE_KEY_BEGIN + "\n").endsWith(OpenSshKeys.PRIVATE_KEY_END + "\n");
        OpenSshKeys.PrivateKey back = OpenSshKeys.parsePrivateKey(file);
        assertThat(back.key().seed()).isEqualTo(key.seed());
        assertThat(back.comment()).isEqualTo("alice@example.com");

        String line = OpenSshKeys.formatPublicKey(key.publicKey(), "alice@example.com");
        assertThat(line).startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI").endsWith(" alice@example.com");
        assertThat(OpenSshKeys.parsePublicKey(line).key()).isEqualTo(key.publicKey());
        assertThat(OpenSshKeys.parsePublicKey(OpenSshKeys.formatPublicKey(key.publicKey(), "")).comment()).isEmpty();
    }

    @Test
    void refusesOtherAndBrokenKeys() {
        assertThatThrownBy(() -> OpenSshKeys.parsePublicKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenSshKeys.parsePublicKey("ssh-ed25519 !!!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> OpenSshKeys.parsePublicKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJVp"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenSshKeys.parsePrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);

        String good = OpenSshKeys.formatPrivateKey(SigningKey.generate(), "x");
        String body = good.substring(OpenSshKeys.PRIVATE_KEY_BEGIN.length(), good.indexOf(OpenSshKeys.PRIVATE_KEY_END));
        byte[] bytes = Base64.getMimeDecoder().decode(body);
        String truncated = OpenSshKeys.PRIVATE_KEY_BEGIN + "\n"
                + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, bytes.length / 2)) + "\n"
                + OpenSshKeys.PRIVATE_KEY_END;
        assertThatThrownBy(() -> OpenSshKeys.parsePrivateKey(truncated)).isInstanceOf(IllegalArgumentException.class);

        // an encrypted key names its cipher: replace "none" by "aes256-ctr" in the header
        byte[] encrypted = new byte[bytes.length + 6];
        int at = 15; // after the magic
        System.arraycopy(bytes, 0, encrypted, 0, at);
        byte[] cipher = {0, 0, 0, 10, 'a', 'e', 's', '2', '5', '6', '-', 'c', 't', 'r'};
        System.arraycopy(cipher, 0, encrypted, at, cipher.length);
        System.arraycopy(bytes, at + 8, encrypted, at + cipher.length, bytes.length - at - 8);
        String enc = OpenSshKeys.PRIVATE_KEY_BEGIN + "\n" + Base64.getEncoder().encodeToString(encrypted) + "\n"
                + OpenSshKeys.PRIVATE_KEY_END;
        assertThatThrownBy(() -> OpenSshKeys.parsePrivateKey(enc)).hasMessageContaining("encrypted");
    }
}
