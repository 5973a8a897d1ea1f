"""Deterministic example values built from the vendored Losant API data.

Preference order for a schema-typed value: the documented example in
`schemas/apiExamples.json`, else a value synthesized from the JSON Schema.
Synthesis is deterministic (no randomness, no clock): `minimal` mode keeps only
required properties, `full` mode fills every property (depth-limited, because
the `advanced*Query` schemas refer to themselves).
"""

import hashlib
import json
import os

FIXED_DATE = "2024-01-02T03:04:05.000Z"
HEX24 = "^[A-Fa-f\\d]{24}$"

# 1.31.0 names schemas that are published nowhere as JSON Schema; the closest
# 1.30.0 schema stands in (see the vendored data's notes).
SCHEMA_STAND_INS = {
    "advancedApplicationCertQuery": "advancedApplicationKeyQuery",
    "dataTableRowPatch": "dataTableRowInsertUpdate",
    "dataTableRowPost": "dataTableRowInsert",
    "dataTableRowPostResult": "dataTableRowInsertResult",
    "userOauthClient": "oauthClient",
    "userOauthClientPost": "oauthClientPost",
    "userOauthClientPatch": "oauthClientPost",
    "userOauthClients": "oauthClient",
}


def hex_id(name):
    """A stable 24-hex id derived from a param name (distinct per name)."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:24]


class Values(object):
    def __init__(self, api_dir):
        self.api_dir = api_dir
        self.schemas = {}
        with open(os.path.join(api_dir, "schemas", "apiExamples.json")) as fh:
            self.examples = json.load(fh)

    def schema(self, name):
        name = SCHEMA_STAND_INS.get(name, name) if not self._exists(name) else name
        if name not in self.schemas:
            path = os.path.join(self.api_dir, "schemas", name + ".json")
            if not os.path.exists(path):
                self.schemas[name] = None
            else:
                with open(path) as fh:
                    self.schemas[name] = json.load(fh)
        return self.schemas[name]

    def _exists(self, name):
        return os.path.exists(os.path.join(self.api_dir, "schemas", name + ".json"))

    def example(self, name):
        """(value, source) for a named schema, or (None, None)."""
        if name is None:
            return None, None
        for n in (name, SCHEMA_STAND_INS.get(name)):
            if n and n in self.examples:
                return self.examples[n], "apiExamples:" + n
        sch = self.schema(name)
        if sch is not None:
            return self.synth(sch, "full", name), "synthesized:" + (name if self._exists(name) else SCHEMA_STAND_INS.get(name, name))
        return None, None

    def minimal(self, name):
        """(value, source): the smallest value valid against a named schema."""
        sch = self.schema(name)
        if sch is None:
            return None, None
        return self.synth(sch, "minimal", name), "synthesized-minimal:" + (name if self._exists(name) else SCHEMA_STAND_INS.get(name, name))

    def synth(self, sch, mode, root, depth=0, key=""):
        if not isinstance(sch, dict):
            return None
        if "$ref" in sch:
            ref = sch["$ref"]
            if ref.startswith("#/definitions/"):
                sub = self.schema(ref.split("/")[-1])
                return self.synth(sub, mode, root, depth + 1, key)
            return {}
        for alt_key in ("oneOf", "anyOf"):
            if alt_key in sch:
                alts = [a for a in sch[alt_key] if a.get("type") != "null"] or sch[alt_key]
                return self.synth(alts[0], mode, root, depth + 1, key)
        if "allOf" in sch:
            out = {}
            for part in sch["allOf"]:
                v = self.synth(part, mode, root, depth + 1, key)
                if isinstance(v, dict):
                    out.update(v)
            return out
        if "enum" in sch and sch["enum"]:
            return sch["enum"][0]
        if "default" in sch and mode == "minimal":
            return sch["default"]
        typ = sch.get("type")
        if isinstance(typ, list):
            non_null = [t for t in typ if t != "null"]
            typ = non_null[0] if non_null else "null"
        if typ is None:
            typ = "object" if "properties" in sch else ("array" if "items" in sch else "string")
        if typ == "object":
            props = sch.get("properties", {})
            req = sch.get("required", [])
            names = req if (mode == "minimal" or depth > 3) else list(props)
            out = {}
            for n in names:
                out[n] = self.synth(props.get(n, {"type": "string"}), mode, root, depth + 1, n)
            if not out and sch.get("minProperties") and sch.get("patternProperties"):
                pat_schema = list(sch["patternProperties"].values())[0]
                out["key"] = self.synth(pat_schema, mode, root, depth + 1, "key")
            return out
        if typ == "array":
            count = max(sch.get("minItems", 0), 0 if (mode == "minimal" or depth > 3) else 1)
            return [self.synth(sch.get("items", {"type": "string"}), mode, root, depth + 1, key) for _ in range(count)]
        if typ == "string":
            if sch.get("pattern") == HEX24:
                return hex_id(key or root)
            fmt = sch.get("format")
            if fmt == "date-time":
                return FIXED_DATE
            if fmt == "email":
                return "recorded@example.com"
            if fmt in ("uri", "url"):
                return "https://example.com/recorded"
            s = "recorded-" + (key or "value")
            return s[: sch["maxLength"]] if "maxLength" in sch else s
        if typ in ("number", "integer"):
            return sch.get("minimum", 1)
        if typ == "boolean":
            return mode == "full"
        return None
