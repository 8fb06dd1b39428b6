"""A push service for the Web Push tests, on 127.0.0.1:PORT, that also plays the browsers
subscribed to it: its own implementation of RFC 8291 and RFC 8292 (http_ece and
cryptography from PyPI), so that what baocao sends is read by code it does not share.

  POST /devices             makes a device: a P-256 key pair and an auth secret, as a
                            browser does; answers its subscription as
                            PushSubscription.toJSON() gives it.
  POST /devices/ID/gone     the device unsubscribed: its pushes are answered 410.
  POST /devices/ID/down     the service fails the device's next push with 503.
  POST /push/ID             a push: the VAPID JWT is checked against the key sent with it
                            (signature, audience, expiry, contact), the body decrypted
                            with the device's keys and appended to OUT as a JSON line
                            {"device", "vapid_key", "message"}; answered 201.

Prints "ready" once it listens."""

import base64
import json
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Device:
    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = secrets.token_bytes(16)
        self.gone = False
        self.down = 0

    def public(self):
        return self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )


def check_vapid(header, origin):
    """The VAPID key (base64url) when the Authorization header is a valid RFC 8292 one."""
    if not header.startswith("vapid "):
        raise ValueError("not a vapid authorization: " + header[:20])
    parts = dict(p.strip().split("=", 1) for p in header[len("vapid ") :].split(","))
    token, key = parts["t"], parts["k"]
    head, claims, signature = token.split(".")
    if json.loads(unb64(head)).get("alg") != "ES256":
        raise ValueError("not ES256")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(key))
    raw = unb64(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    claims = json.loads(unb64(claims))
    # The audience is the push service's origin; web-push-native leaves the port out.
    if claims["aud"] not in (origin, origin.rsplit(":", 1)[0]):
        raise ValueError("audience " + claims["aud"])
    if not 0 < claims["exp"] - time.time() <= 24 * 3600:
        raise ValueError("expiry")
    if not claims["sub"].startswith(("mailto:", "https:")):
        raise ValueError("contact " + claims["sub"])
    return key


def serve(port, out):
    devices = {}
    lock = threading.Lock()
    origin = f"http://127.0.0.1:{port}"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, body=None):
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            content = self.rfile.read(length)
            path = self.path.strip("/").split("/")
            with lock:
                if path == ["devices"]:
                    name = str(len(devices) + 1)
                    device = devices[name] = Device()
                    return self.answer(
                        201,
                        {
                            "endpoint": f"{origin}/push/{name}",
                            "keys": {"p256dh": b64(device.public()), "auth": b64(device.auth)},
                        },
                    )
                if len(path) == 3 and path[0] == "devices" and path[1] in devices:
                    device = devices[path[1]]
                    if path[2] == "gone":
                        device.gone = True
                    elif path[2] == "down":
                        device.down += 1
                    return self.answer(204)
                if len(path) != 2 or path[0] != "push" or path[1] not in devices:
                    return self.answer(404)
                device = devices[path[1]]
                if device.gone:
                    return self.answer(410)
                if device.down:
                    device.down -= 1
                    return self.answer(503)
            try:
                if self.headers.get("Content-Encoding") != "aes128gcm":
                    raise ValueError("content encoding")
                if not self.headers.get("TTL"):
                    raise ValueError("no TTL")
                key = check_vapid(self.headers.get("Authorization", ""), origin)
                message = http_ece.decrypt(
                    content, private_key=device.key, auth_secret=device.auth, version="aes128gcm"
                )
            except Exception as e:  # an invalid push is refused and recorded as such
                with lock, open(out, "a", encoding="utf-8") as f:
                    f.write(json.dumps({"device": path[1], "refused": str(e)}) + "\n")
                return self.answer(400)
            line = {
                "device": path[1],
                "vapid_key": key,
                "message": json.loads(message.decode("utf-8")),
            }
            with lock, open(out, "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.answer(201)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2])
