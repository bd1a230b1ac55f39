# What a Python receiver passes after parsing: json.dumps(json.loads(raw)), with its defaults
# (", " and ": " separators, non-ASCII written as \u escapes).
# Reads "mode json_hex" lines on stdin, prints the hex of each result.
import json
import sys

for line in sys.stdin:
    mode, data = line.rstrip("\n").split(" ")
    assert mode == "dumps", mode
    print(json.dumps(json.loads(bytes.fromhex(data))).encode("utf-8").hex())
