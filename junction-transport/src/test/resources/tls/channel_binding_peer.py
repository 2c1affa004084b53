"""The other end of ChannelBindingGroundTruthTest: an OpenSSL-based TLS peer (CPython's ssl module
and pyOpenSSL) that reports the channel binding data OpenSSL computes, for comparing with Junction's.

  client PORT VERSION          connect, read Junction's line "type=hex ...", print both as JSON
  server VERSION CERT KEY N    listen (prints "port=P"), then for each of N connections send our
                               own line "type=hex ..." and close

VERSION is 1.2 or 1.3. tls-unique (TLS 1.2) comes from CPython's get_channel_binding, which picks
the first Finished also for resumed sessions; tls-exporter (TLS 1.3) from pyOpenSSL's
export_keying_material; tls-server-end-point is the SHA-256 of the server certificate (ECDSA-SHA256).
"""
import hashlib
import json
import socket
import ssl
import sys

from OpenSSL import SSL, crypto

LABEL = b"EXPORTER-Channel-Binding"


def parse(line):
    return dict(item.split("=", 1) for item in line.split())


def read_line(recv):
    data = b""
    while not data.endswith(b"\n"):
        chunk = recv(4096)
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


def client(port, version):
    """Two connections, the second resuming the first one's session where the server allows it."""
    ctx = SSL.Context(SSL.TLS_CLIENT_METHOD)
    v = SSL.TLS1_3_VERSION if version == "1.3" else SSL.TLS1_2_VERSION
    ctx.set_min_proto_version(v)
    ctx.set_max_proto_version(v)
    ctx.set_verify(SSL.VERIFY_NONE, lambda *args: True)
    ctx.set_session_cache_mode(SSL.SESS_CACHE_CLIENT)
    results = []
    session = None
    for _ in range(2):
        sock = socket.create_connection(("127.0.0.1", port))
        conn = SSL.Connection(ctx, sock)
        if session is not None:
            conn.set_session(session)
        conn.set_connect_state()
        conn.do_handshake()
        theirs = parse(read_line(conn.recv))
        cert = crypto.dump_certificate(crypto.FILETYPE_ASN1, conn.get_peer_certificate())
        ours = {"tls-server-end-point": hashlib.sha256(cert).hexdigest()}
        resumed = bool(SSL._lib.SSL_session_reused(conn._ssl))
        if version == "1.3":
            ours["tls-exporter"] = conn.export_keying_material(LABEL, 32, b"").hex()
        else:
            # the first Finished: the client's in a full handshake, the server's in a resumed one
            ours["tls-unique"] = (conn.get_peer_finished() if resumed else conn.get_finished()).hex()
        results.append({"junction": theirs, "openssl": ours, "protocol": conn.get_protocol_version_name(),
                        "resumed": resumed})
        session = conn.get_session()
        conn.shutdown()
        sock.close()
    print(json.dumps(results))


def server(version, cert, key, n):
    if version == "1.2":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(cert, key)
    else:
        ctx = SSL.Context(SSL.TLS_SERVER_METHOD)
        ctx.set_min_proto_version(SSL.TLS1_3_VERSION)
        ctx.set_max_proto_version(SSL.TLS1_3_VERSION)
        ctx.use_certificate_chain_file(cert)
        ctx.use_privatekey_file(key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(n)
    print("port=%d" % listener.getsockname()[1], flush=True)
    for _ in range(n):
        sock, _ = listener.accept()
        if version == "1.2":
            conn = ctx.wrap_socket(sock, server_side=True)
            own = ssl.PEM_cert_to_DER_cert(open(cert).read().split("-----END CERTIFICATE-----")[0]
                                           + "-----END CERTIFICATE-----\n")
            line = "tls-unique=%s tls-server-end-point=%s resumed=%s" % (
                conn.get_channel_binding("tls-unique").hex(), hashlib.sha256(own).hexdigest(), conn.session_reused)
            conn.sendall((line + "\n").encode())
            conn.close()
        else:
            conn = SSL.Connection(ctx, sock)
            conn.set_accept_state()
            conn.do_handshake()
            own = crypto.dump_certificate(crypto.FILETYPE_ASN1, conn.get_certificate())
            line = "tls-exporter=%s tls-server-end-point=%s resumed=False" % (
                conn.export_keying_material(LABEL, 32, b"").hex(), hashlib.sha256(own).hexdigest())
            conn.sendall((line + "\n").encode())
            conn.shutdown()
            sock.close()


if __name__ == "__main__":
    if sys.argv[1] == "client":
        client(int(sys.argv[2]), sys.argv[3])
    else:
        server(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
