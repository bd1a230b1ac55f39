"""The signed-webhook vectors: bodies, headers and what a receiver must conclude from them.

Nothing here comes from this project's code. Bodies are what Chatwoot sends: the payload
written by ActiveSupport's `to_json` in the real Ruby (tests/vectors/snippets/reserialize.rb).
Every X-Chatwoot-Signature is computed by five independent implementations, which must agree:
Chatwoot's own Ruby expression, `"sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret,
"#{ts}.#{body}")}"`, and the receiver checks of Python, Node, Go and PHP in their standard
libraries (snippets/webhook_signature.*). A signature over the body alone is an HMAC from the
six identifier_hash snippets. The bodies a receiver passes after parsing and serializing
again come from those languages' own JSON libraries (snippets/reserialize.*). Format mistakes
(uppercase, a missing or doubled prefix) are made here from agreed signatures, by plain text
operations.
"""

from __future__ import annotations

import base64
import json
from typing import Callable

from vector_values import raw, utf8, value_bytes

# The shape of Chatwoot's secrets (Rails' has_secure_token: 24 Base58 characters). The webhook
# secret and the inbox's identity hmac_token are different keys.
SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"
TS = 1767225600  # 2026-01-01T00:00:00Z
DELIVERY = "9b2f6c1e-3d4a-4f8b-a1c2-5e6f7a8b9c0d"

MESSAGE_CREATED = {
    "event": "message_created",
    "id": 4217,
    "content": "Hi </script><script>alert(1)</script> & <b>bold</b> \U0001F600",
    "message_type": "incoming",
    "created_at": TS - 10,
    "private": False,
    "source_id": None,
    "content_type": "text",
    "content_attributes": {},
    "sender": {"id": 77, "name": "Zoë Ångström", "email": "zoe@example.com", "type": "contact"},
    "conversation": {"id": 311, "inbox_id": 5, "status": "open", "labels": ["vip", "billing"],
                     "meta": {"assignee": None, "team": None}},
    "account": {"id": 1, "name": "Acme & Co"},
    "inbox": {"id": 5, "name": "Website <main>"},
}

CONVERSATION_CREATED = {
    "event": "conversation_created",
    "id": 311,
    "inbox_id": 5,
    "status": "pending",
    "additional_attributes": {"browser": {"name": "Firefox", "version": "146.0"},
                              "referer": "https://example.com/pricing?plan=pro&seats=3"},
    "contact_inbox": {"id": 12, "source_id": "b7e1c0de-1111-4222-8333-944455556666"},
    "messages": [{"id": 1, "content": "first"}, {"id": 2, "content": "<second>"}],
    "meta": {"sender": {"id": 77, "name": "Zoë", "custom_attributes": {"plan": "pro", "seats": 3,
                                                                         "trial": True}}},
    "custom_attributes": {},
    "labels": [],
}

UNICODE = {
    "event": "message_updated",
    "content": "用户 مرحبا שלום café cafe\u0301 ñ \u2028\u2029 line\nbreak \"quoted\" back\\slash "
               "tab\t bell\u0007 del\u007f / 🏳️‍🌈 𝔘",
    "sender": {"name": "José Müller-Øster", "type": "user"},
}

# The large bodies are stored as a rule: a prefix, a unit repeated, a suffix.
REPEAT_PREFIX = '{"event":"message_created","content":"'
REPEAT_SUFFIX = '"}'
REPEAT_UNIT = "webhook 💬 body "


def repeat(times: int, suffix: str = REPEAT_SUFFIX) -> dict:
    return {"repeat": {"prefix": REPEAT_PREFIX, "unit": REPEAT_UNIT, "times": times,
                       "suffix": suffix}}


def body_value(body: bytes) -> dict:
    try:
        return utf8(body.decode("utf-8"))
    except UnicodeDecodeError:
        return raw(body)


def pattern(length: int) -> bytes:
    alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789-"
    return (alphabet * (length // len(alphabet) + 1))[:length]


def upper_hex(signature: str) -> str:
    return "sha256=" + signature[len("sha256="):].upper()


def bare(signature: str) -> str:
    return signature[len("sha256="):]


class Runner:
    """Runs one snippet over many lines at once; `run(language, snippet, text)` is generate.py's."""

    def __init__(self, run: Callable[[str, str, str], str]) -> None:
        self.run = run

    def reserialize(self, language: str, mode: str, bodies: list[bytes]) -> list[bytes]:
        request = "".join(f"{mode} {body.hex()}\n" for body in bodies)
        answers = self.run(language, "reserialize", request).split()
        assert len(answers) == len(bodies), (language, mode)
        return [bytes.fromhex(answer) for answer in answers]

    def to_json(self, payloads: list[object]) -> list[bytes]:
        """Chatwoot's body for each payload: ActiveSupport's to_json, in the real Ruby."""
        texts = [json.dumps(p, ensure_ascii=False).encode("utf-8") for p in payloads]
        return self.reserialize("ruby", "to_json", texts)


class Signatures:
    """X-Chatwoot-Signature requests, answered by the five implementations, which must agree."""

    LANGUAGES = ("ruby", "python", "node", "go", "php")

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.requests: list[tuple[bytes, bytes, bytes]] = []
        self.answers: list[str] = []

    def ask(self, secret: bytes, timestamp: str, body: bytes) -> int:
        self.requests.append((secret, timestamp.encode("utf-8"), body))
        return len(self.requests) - 1

    def run(self) -> None:
        request = "".join(f"{s.hex()} {t.hex()} {b.hex()}\n" for s, t, b in self.requests)
        answers = {}
        for language in self.LANGUAGES:
            answers[language] = self.runner.run(language, "webhook_signature", request).split()
            if len(answers[language]) != len(self.requests):
                raise SystemExit(f"generate.py: the {language} webhook snippet answered "
                                 f"{len(answers[language])} of {len(self.requests)}")
        reference = answers["ruby"]  # Chatwoot's own expression
        for language, got in answers.items():
            for index, (theirs, ours) in enumerate(zip(got, reference)):
                if theirs != ours:
                    raise SystemExit(f"generate.py: {language} and ruby disagree on webhook "
                                     f"signature {index}: {theirs} != {ours}")
        self.answers = reference

    def __getitem__(self, ticket: int) -> str:
        return self.answers[ticket]


NAMES = {
    None: ("X-Chatwoot-Signature", "X-Chatwoot-Timestamp", "X-Chatwoot-Delivery"),
    "lower": ("x-chatwoot-signature", "x-chatwoot-timestamp", "x-chatwoot-delivery"),
    "upper": ("X-CHATWOOT-SIGNATURE", "X-CHATWOOT-TIMESTAMP", "X-CHATWOOT-DELIVERY"),
    "cgi": ("HTTP_X_CHATWOOT_SIGNATURE", "HTTP_X_CHATWOOT_TIMESTAMP", "HTTP_X_CHATWOOT_DELIVERY"),
}


def webhook_vectors(run: Callable[[str, str, str], str], ask: Callable[[bytes, bytes], int],
                    answer: Callable[[int], str]) -> tuple[Callable[[], dict], Callable[[], None]]:
    """Runs the body writers now, queues every signature, and returns (build, run_signatures).

    `ask`/`answer` are the six-implementation HMAC (for signatures over the body alone).
    """
    runner = Runner(run)
    sigs = Signatures(runner)
    secret = SECRET.encode()
    ts = str(TS)

    message, conversation, unicode_body, empty_object = runner.to_json(
        [MESSAGE_CREATED, CONVERSATION_CREATED, UNICODE, {}])
    assert b"\\u003c/script\\u003e" in message, "ActiveSupport escapes < and >"
    large = {}
    for name, times in (("1 KB", 1024 // 18), ("64 KB", 65536 // 18), ("1 MiB", 2**20 // 18 + 1)):
        rule = repeat(times)
        (written,) = runner.to_json([{"event": "message_created",
                                      "content": REPEAT_UNIT * times}])
        assert written == value_bytes(rule), f"the {name} body is what to_json writes"
        large[name] = rule

    # What receivers pass after parsing the body and serializing it again.
    node_plain, = runner.reserialize("node", "stringify", [message])
    node_pretty, = runner.reserialize("node", "pretty", [message])
    ruby_plain, = runner.reserialize("ruby", "generate", [message])
    python_dumps, = runner.reserialize("python", "dumps", [message])
    php_encode, = runner.reserialize("php", "json_encode", [message])
    # A Go sender (or test tool) that signs json.Marshal of a map: keys sorted.
    go_sorted, = runner.reserialize("go", "marshal", [message])
    unicode_plain, = runner.reserialize("node", "stringify", [unicode_body])
    assert node_plain == ruby_plain and b"</script>" in node_plain
    assert go_sorted != message and python_dumps != message and php_encode != message

    # --- the verify vectors --------------------------------------------------------------------
    verify_cases: list[tuple] = []  # (description, fields, ticket or signature text)

    def good(description, body, *, key=secret, signed_ts=ts, header_ts=None, age=0,
             tolerance=None, headers=None, delivery=DELIVERY, now=None, value=None,
             signature_form=None, sign=True):
        ticket = sigs.ask(key, signed_ts, body if value is None else value_bytes(value))
        verify_cases.append(("good", description, dict(
            key=key, body=value or body_value(body), header_ts=header_ts or signed_ts, age=age,
            tolerance=tolerance, headers=headers, delivery=delivery, now=now,
            signature_form=signature_form, sign=sign), ticket))

    def bad(description, error, body=message, *, key=secret, signed_ts=ts, header_ts=None,
            age=0, tolerance=None, headers=None, signature=None, value=None, verify_key=secret,
            now=None, body_alone=False, delivery=DELIVERY):
        signed_body = body if value is None else value_bytes(value)
        if signature is not None and signature.startswith("of:"):
            ticket = None  # another vector's signature, named below
        elif body_alone:
            ticket = ("hmac", ask(key, signed_body))
        else:
            ticket = ("sig", sigs.ask(key, signed_ts, signed_body))
        verify_cases.append(("bad", description, dict(
            key=verify_key, body=value or body_value(body), header_ts=header_ts, signed_ts=signed_ts,
            age=age, tolerance=tolerance, headers=headers, signature=signature, now=now,
            error=error, delivery=delivery), ticket))

    good("Chatwoot's message_created body (ActiveSupport to_json), 2 seconds old", message, age=2)
    good("a conversation_created body with nested objects and lists", conversation)
    good("Unicode, line separators, control characters and emoji, 299 seconds old",
         unicode_body, age=299)
    good("an empty body", b"", age=1)
    good("an empty JSON object", empty_object)
    good("a body with a trailing newline: the newline is signed like any byte", message + b"\n")
    good("a body that is not UTF-8", bytes(range(256)))
    for length, why in ((44, "timestamp, dot and body fill 55 bytes: one SHA-256 block"),
                        (45, "56 bytes: the padding needs a second block"),
                        (53, "exactly 64 bytes"),
                        (117, "exactly 128 bytes")):
        good(f"a {length}-byte body ({why})", pattern(length))
    for name, rule in large.items():
        good(f"a {name} body, stored as a repeat rule", b"", value=rule)
    for description, key in (("a 1-byte secret", b"k"),
                             ("a 64-byte secret (one block: used as is)", pattern(64)),
                             ("a 65-byte secret (longer than a block: hashed first)", pattern(65)),
                             ("a non-ASCII secret", "sécret-密钥-🔑".encode()),
                             ("a binary secret", bytes(range(1, 256, 5)))):
        good(description, message, key=key)
    good("spaces and tabs around both header values are tolerated", message,
         signature_form="ows", header_ts=f" \t{ts} ", age=5)
    good("header names in lower case (HTTP/2)", message, headers="lower")
    good("header names in upper case", message, headers="upper")
    good("header names in the CGI form of WSGI and Rack environments", message, headers="cgi")
    good("no delivery id: the signature does not cover it", message, delivery=None)
    good("300 seconds old: the default tolerance is inclusive", message, age=300)
    good("300 seconds ahead: the tolerance reaches both ways", message, age=-300)
    good("a 60-second tolerance, 60 seconds old", message, tolerance=60, age=60)
    good("a 0-second tolerance accepts the same second", message, tolerance=0, age=0)
    good("the age check turned off explicitly: ten years old", message, tolerance="unchecked",
         age=10 * 365 * 86400)
    good("leading zeros in the timestamp are signed as received", message,
         signed_ts="0" + ts, age=1, sign=False)

    bad("an empty secret", "empty_secret", verify_key=b"")
    bad("no headers at all", "missing_signature", signature="", header_ts="", delivery=None)
    bad("a timestamp but no signature", "missing_signature", signature="")
    bad("an empty signature value", "missing_signature", signature="", headers="empty_signature")
    bad("a signature of spaces", "missing_signature", signature="  ")
    bad("the hex without sha256=", "malformed_signature", signature="bare")
    bad("uppercase hex", "malformed_signature", signature="upper")
    bad("SHA256= in capitals", "malformed_signature", signature="SHA256")
    bad("sha256= twice", "malformed_signature", signature="double")
    bad("63 hex characters", "malformed_signature", signature="short")
    bad("65 hex characters", "malformed_signature", signature="long")
    bad("a trailing newline on the signature", "malformed_signature", signature="newline")
    bad("two signatures joined by a comma (a proxy merging repeated headers)",
        "malformed_signature", signature="joined")
    bad("the signature header sent twice", "malformed_signature", headers="signature_twice")
    bad("the right digest in Base64", "malformed_signature", signature="base64")
    bad("a signature but no timestamp", "missing_timestamp", header_ts="")
    for text, why in (("-" + ts, "a sign"), ("+" + ts, "a plus sign"), (ts + ".0", "a fraction"),
                      ("1.7672256e9", "an exponent"), (ts[:5] + " " + ts[5:], "a space inside"),
                      ("1" * 19, "19 digits"), ("١٧٦٧٢٢٥٦٠٠", "Arabic-Indic digits"),
                      (ts + "\n", "a trailing newline")):
        bad(f"a timestamp with {why}", "malformed_timestamp", header_ts=text, signed_ts=text)
    bad("the timestamp header sent twice", "malformed_timestamp", headers="timestamp_twice")
    bad("301 seconds old", "stale_timestamp", age=301)
    bad("a day old", "stale_timestamp", age=86400)
    bad("61 seconds old with a 60-second tolerance", "stale_timestamp", tolerance=60, age=61)
    bad("1 second old with a 0-second tolerance: 0 never turns the check off",
        "stale_timestamp", tolerance=0, age=1)
    bad("301 seconds ahead", "future_timestamp", age=-301)
    bad("a timestamp in milliseconds, signed as sent", "future_timestamp",
        signed_ts=ts + "123", now=TS)
    bad("one byte of the body changed after signing", "signature_mismatch",
        body=message.replace(b'"id":4217', b'"id":4218'), headers=None, signature="of:message")
    bad("the timestamp changed after signing", "signature_mismatch", signed_ts=str(TS - 60),
        header_ts=ts)
    bad("another secret", "signature_mismatch", key=b"another-webhook-secret-000")
    bad("signed with the inbox's identity hmac_token", "signature_mismatch", key=TOKEN.encode())
    bad("signed over the body alone", "signature_mismatch", body_alone=True)
    bad("the body as JSON.stringify(JSON.parse(raw)) gives it", "signature_mismatch",
        body=node_plain, signature="of:message")
    bad("the receiver's secret has a trailing newline", "signature_mismatch",
        verify_key=secret + b"\n")
    bad("a forgery with an old timestamp is a mismatch, not stale", "signature_mismatch",
        key=b"forger", age=86400)
    bad("the last byte of a 1 MiB body changed", "signature_mismatch",
        value=repeat(large["1 MiB"]["repeat"]["times"], suffix='" }'),
        signature="of:1 MiB")

    # --- the diagnose vectors ------------------------------------------------------------------
    diagnose_cases: list[tuple] = []

    def diag(description, findings, body=message, *, key=secret, signed_ts=ts, header_ts=None,
             signed_body=None, signature=None, token=None, diagnose_key=secret, body_alone=False,
             verified=None):
        signed = body if signed_body is None else signed_body
        if body_alone:
            ticket = ("hmac", ask(key, signed))
        else:
            ticket = ("sig", sigs.ask(key, signed_ts, signed))
        diagnose_cases.append((description, findings, dict(
            key=diagnose_key, body=body_value(body), header_ts=ts if header_ts is None else header_ts,
            signature=signature, token=token,
            verified=(findings == []) if verified is None else verified), ticket))

    diag("the right signature", [])
    diag("no signature header", ["missing_signature"], signature="")
    diag("no signature and no timestamp", ["missing_signature", "missing_timestamp"],
         signature="", header_ts="")
    diag("no timestamp header", ["missing_timestamp"], header_ts="")
    diag("no timestamp, and the body signed alone", ["missing_timestamp", "signed_body_alone"],
         header_ts="", body_alone=True)
    diag("a trailing newline on the signature", ["signature_whitespace"], signature="newline")
    diag("a trailing newline on the timestamp (a header read with its line end)",
         ["timestamp_whitespace"], header_ts=ts + "\n")
    diag("the hex without sha256=", ["prefix_missing"], signature="bare")
    diag("sha256= twice", ["prefix_doubled"], signature="double")
    diag("uppercase hex", ["uppercase_hex"], signature="upper")
    diag("uppercase hex without sha256=", ["prefix_missing", "uppercase_hex"],
         signature="bare_upper")
    diag("not a digest", ["malformed_signature"], signature="short")
    diag("a timestamp with a fraction, signed as sent", ["malformed_timestamp"],
         signed_ts=ts + ".5", header_ts=ts + ".5")
    diag("a timestamp in milliseconds, signed as sent: the signature verifies, the age will not",
         ["timestamp_in_milliseconds"], signed_ts=ts + "123", header_ts=ts + "123", verified=True)
    diag("seconds in the header, milliseconds in the signed text",
         ["timestamp_in_milliseconds"], signed_ts=ts + "000")
    diag("signed over the body alone (the old description of the feature)",
         ["signed_body_alone"], body_alone=True)
    diag("the receiver passes JSON.stringify(JSON.parse(raw)) (Node)", ["body_escapes_changed"],
         body=node_plain, signed_body=message)
    diag("the receiver passes JSON.generate(JSON.parse(raw)) (Ruby without Rails)",
         ["body_escapes_changed"], body=ruby_plain, signed_body=message)
    diag("a Rails receiver passes params.to_json of a body signed without the escapes",
         ["body_escapes_changed"], body=message, signed_body=ruby_plain)
    diag("the receiver passes JSON.stringify(JSON.parse(raw), null, 2) (Node)",
         ["body_reserialized"], body=node_pretty, signed_body=message)
    diag("the receiver passes json.dumps(json.loads(raw)) (Python)", ["body_reserialized"],
         body=python_dumps, signed_body=message)
    diag("the receiver passes json_encode(json_decode($raw)) (PHP)", ["body_reserialized"],
         body=php_encode, signed_body=message)
    diag("a sender signed json.Marshal of a map (Go: keys sorted)", ["body_reserialized"],
         body=message, signed_body=go_sorted)
    diag("Unicode body passed as JSON.stringify(JSON.parse(raw))", ["body_escapes_changed"],
         body=unicode_plain, signed_body=unicode_body)
    diag("signed with the identity hmac_token, which is given", ["identity_hmac_token"],
         key=TOKEN.encode(), token=TOKEN)
    diag("signed with the identity hmac_token, which is not given", ["unknown_secret"],
         key=TOKEN.encode())
    diag("signed with a secret that had a trailing newline", ["secret_whitespace"],
         key=secret + b"\n")
    diag("the receiver's secret has a trailing newline", ["secret_whitespace"],
         diagnose_key=secret + b"\n")
    diag("uppercase hex over the body alone", ["uppercase_hex", "signed_body_alone"],
         body_alone=True, signature="upper")
    diag("another secret", ["unknown_secret"], key=b"another-webhook-secret-000")
    diag("the body changed after signing", ["unknown_secret"],
         body=message.replace(b'"id":4217', b'"id":4218'), signed_body=message)

    def build() -> dict:
        def signature_of(ticket) -> str | None:
            if ticket is None:
                return None
            kind, index = ticket if isinstance(ticket, tuple) else ("sig", ticket)
            return sigs[index] if kind == "sig" else "sha256=" + answer(index)

        def shaped(form: str | None, signature: str) -> str:
            digest = bytes.fromhex(bare(signature))
            return {
                None: signature,
                "ows": f"\t {signature} ",
                "bare": bare(signature),
                "upper": upper_hex(signature),
                "bare_upper": bare(signature).upper(),
                "SHA256": "SHA256=" + bare(signature),
                "double": "sha256=" + signature,
                "short": signature[:-1],
                "long": signature + "0",
                "newline": signature + "\n",
                "joined": f"{signature}, {signature}",
                "base64": "sha256=" + base64.b64encode(digest).decode(),
                "": "",
                "  ": "  ",
            }[form]

        def header_list(style, signature, timestamp, delivery):
            names = NAMES.get(style, NAMES[None])
            pairs = [["Content-Type", "application/json"], ["Accept", "application/json"]]
            if timestamp is not None and (timestamp != "" or style == "empty_signature"):
                pairs.append([names[1], timestamp])
            if signature is not None and (signature != "" or style == "empty_signature"):
                pairs.append([names[0], signature])
            if style == "signature_twice":
                pairs.append([names[0], signature])
            if style == "timestamp_twice":
                pairs.append([names[1], timestamp])
            if delivery is not None:
                pairs.append([names[2], delivery])
            return pairs

        named = {}
        for kind, description, f, ticket in verify_cases:
            if kind == "good" and description.startswith("Chatwoot's message_created"):
                named["message"] = signature_of(ticket)
            if kind == "good" and description == "a 1 MiB body, stored as a repeat rule":
                named["1 MiB"] = signature_of(ticket)

        vectors = []
        for kind, description, f, ticket in verify_cases:
            signature = signature_of(ticket)
            vector = {"description": description, "secret": body_value(f["key"]),
                      "body": f["body"]}
            if kind == "good":
                timestamp = f["header_ts"]
                signature = shaped(f["signature_form"], signature)
                now = int(timestamp) + f["age"] if f["now"] is None else f["now"]
                delivery = f["delivery"]
                two_value = f["headers"] is None
                pairs = header_list(f["headers"], signature, timestamp, delivery)
            else:
                form = f["signature"]
                if form and form.startswith("of:"):
                    signature = named[form[3:]]
                elif form is not None:
                    signature = shaped(form, signature)
                timestamp = f["header_ts"] if f["header_ts"] is not None else f["signed_ts"]
                now = (TS + f["age"]) if f["now"] is None else f["now"]
                delivery = f["delivery"]
                two_value = f["headers"] in (None, "empty_signature")
                pairs = header_list(f["headers"], signature, timestamp, delivery)
            if two_value:
                vector["signature"] = signature
                vector["timestamp"] = timestamp
            vector["headers"] = pairs
            vector["now"] = now
            if f["tolerance"] is not None:
                vector["tolerance"] = f["tolerance"]
            if kind == "good":
                vector["verified"] = {"timestamp": int(timestamp), "age": f["age"],
                                      "delivery_id": delivery}
                if f["sign"] and f["signature_form"] is None:
                    vector["sign"] = True
            else:
                vector["error"] = f["error"]
            vectors.append(vector)

        diagnoses = []
        for description, findings, f, ticket in diagnose_cases:
            signature = signature_of(ticket)
            signature = shaped(f["signature"], signature)
            diagnoses.append({
                "description": description, "secret": body_value(f["key"]), "body": f["body"],
                "signature": signature, "timestamp": f["header_ts"],
                "identity_hmac_token": None if f["token"] is None else utf8(f["token"]),
                "verified": f["verified"],
                "findings": findings,
            })
        assert json.loads(json.dumps(vectors)) == vectors
        return {"vectors": vectors, "diagnose": diagnoses}

    return build, sigs.run
