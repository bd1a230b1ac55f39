# Chatwoot's documented Python snippet: hmac.new(key, identifier, hashlib.sha256).hexdigest().
# Reads "secret_hex identifier_hex" lines on stdin, prints one identifier_hash per line.
import hashlib
import hmac
import sys

for line in sys.stdin:
    key, identifier = (bytes.fromhex(part) for part in line.split())
    print(hmac.new(key, identifier, hashlib.sha256).hexdigest())
