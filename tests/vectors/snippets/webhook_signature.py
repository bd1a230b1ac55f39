# A receiver's check in Python's standard library: hmac.new(secret, ts + b"." + body, sha256).
# Reads "secret_hex timestamp_hex body_hex" lines on stdin, prints one X-Chatwoot-Signature per line.
import hashlib
import hmac
import sys

for line in sys.stdin:
    secret, ts, body = (bytes.fromhex(part) for part in line.rstrip("\n").split(" "))
    print("sha256=" + hmac.new(secret, ts + b"." + body, hashlib.sha256).hexdigest())
