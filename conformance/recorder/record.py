#!/usr/bin/env python3
"""Record what the official Losant Python client (losant-rest 2.3.0, API
1.31.0) sends for every action it has, against a loopback recording server.

Usage:
    python3 conformance/recorder/record.py [--venv DIR] [--out DIR] [--check]

--venv DIR  virtualenv to create and use (default: target/conformance-venv in
            the repository); packages pinned in requirements.txt next to this
            file are installed into it with pip, the only network access.
--out DIR   where the fixtures go (default: conformance/fixtures/python-2.3.0).
--check     record into a temporary directory and compare byte for byte
            with the fixtures in --out; exit 1 and name the files on a
            difference.

All requests go to 127.0.0.1 (the recording server in this process).
"""

import argparse
import filecmp
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
API_DIR = os.path.join(REPO, "vendor", "losant-api")
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
INSIDE_ENV = "LOSANT_CONFORMANCE_RECORDER_INSIDE"

AUTH_TOKEN = "recorded-auth-token"
GLOBALS = ("losantdomain", "_actions", "_links", "_embedded")
# Non-default values of the global params: the client's defaults are
# _actions=false, _links=true, _embedded=true and no losantdomain header.
GLOBALS_ALL = {"losantdomain": "example.com", "_actions": True, "_links": False, "_embedded": False}


# ---------------------------------------------------------------- bootstrap

def _ensure_venv(venv):
    """Create the virtualenv and install the pinned packages once; a stamp
    holding the requirements text says whether it is up to date."""
    py = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, "conformance-requirements.txt")
    with open(REQUIREMENTS) as fh:
        wanted = fh.read()
    if os.path.exists(py) and os.path.exists(stamp):
        with open(stamp) as fh:
            if fh.read() == wanted:
                return py
    subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--no-deps", "-r", REQUIREMENTS])
    with open(stamp, "w") as fh:
        fh.write(wanted)
    return py


def _reexec_inside(args):
    py = _ensure_venv(os.path.abspath(args.venv))
    env = dict(os.environ)
    # requests honours proxy variables even for 127.0.0.1 unless told not to.
    for k in list(env):
        if k.lower() in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
            del env[k]
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env["PYTHONHASHSEED"] = "0"
    env[INSIDE_ENV] = "1"
    os.execve(py, [py, os.path.abspath(__file__)] + sys.argv[1:], env)


# ---------------------------------------------------------------- api data

def _load_api_info():
    with open(os.path.join(API_DIR, "apiInfo.json")) as fh:
        info = json.load(fh)
    out = {}
    for res_name, res in info.items():
        for act_name, act in res["actions"].items():
            params = {}
            for p in res.get("params", []) + act.get("params", []):
                params[p["name"]] = p
            out["%s.%s" % (res_name, act_name)] = {"method": act["method"], "params": params, "action": act}
    return out


_SCHEMA_LINK = re.compile(r"#/definitions/([A-Za-z0-9_]+)\)")


def _schema_name(kw, doc_params, api_param):
    """The schema a param refers to: the 1.31.0 docstring's link first, else apiInfo's $ref."""
    for p in doc_params:
        if p["name"] == kw["name"]:
            m = _SCHEMA_LINK.search(p["description"])
            if m:
                return m.group(1)
    ref = (api_param or {}).get("schema", {}).get("$ref")
    return ref.split("/")[-1] if ref else None


def _numeric(s):
    if isinstance(s, bool):
        return False
    return isinstance(s, int) or (isinstance(s, str) and re.fullmatch(r"-?\d+", s) is not None)


def _nondefault_scalar(name, p, doc_type):
    """A native Python value that differs from the documented default."""
    default = p.get("default")
    enum = p.get("enum") or []
    for v in enum:
        # Enums and defaults mix numbers and strings ("86400000" vs 86400000).
        if str(v) != str(default):
            return v
    # Careful with `in`: 0 == False in Python, so compare types explicitly.
    is_bool_default = isinstance(default, bool) or default in ("true", "false")
    if doc_type == "boolean" or is_bool_default:
        return not (default is True or default == "true")
    ex = p.get("example")
    if _numeric(default) or _numeric(ex):
        if ex is not None and str(ex) != str(default):
            return int(ex)
        return int(default) + 2 if default is not None else 7
    if "example" in p and p["example"] != default:
        return p["example"]
    if p.get("pattern") == "^[A-Fa-f\\d]{24}$":
        import values
        return values.hex_id(name)
    if p.get("type") == "array":
        return ["recorded-%s-1" % name, "recorded-%s-2" % name]
    return "recorded-%s" % name


def _required_scalar(name, p, doc_type):
    """A plausible value for a required query/path param."""
    import values
    if p.get("pattern") == values.HEX24:
        return values.hex_id(name)
    if "example" in p:
        return p["example"]
    if p.get("enum"):
        return p["enum"][0]
    if "default" in p:
        return p["default"]
    if doc_type == "boolean":
        return True
    return "recorded-%s" % name


def _stringify(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return v


def _build_variants(action, api):
    """Return [(variant, params, sources)] for one action."""
    import values
    api_params = api["params"] if api else {}
    req, full, sources_req, sources_full = {}, {}, {}, {}
    for kw in action["kwargs"]:
        name = kw["name"]
        p = api_params.get(name, {})
        if name in GLOBALS:
            full[name] = GLOBALS_ALL[name]
            sources_full[name] = "global-nondefault"
            continue
        if api:
            required = bool(p.get("required"))
        else:
            # Not in the 1.30.0 route table (1.31.0 additions): path params
            # are required by construction, and a body is required on the
            # POST/PATCH actions of this API.
            required = kw["in"] == "path" or kw["in"] == "body"
        schema = _schema_name(kw, action["docParams"], p)
        if kw["in"] == "body" or (schema and kw["in"] == "query"):
            v_full, s_full = _values.example(schema)
            if v_full is None:
                v_full, s_full = {}, "none-available"
            full[name], sources_full[name] = v_full, s_full
            if required:
                v_min, s_min = (_values.minimal(schema) if kw["in"] == "body" else (v_full, s_full))
                if v_min is None:
                    v_min, s_min = v_full, s_full
                req[name], sources_req[name] = v_min, s_min
            continue
        if kw["in"] == "path":
            v = _required_scalar(name, p, kw["docType"])
            req[name] = full[name] = v
            sources_req[name] = sources_full[name] = "path"
            continue
        full[name] = _nondefault_scalar(name, p, kw["docType"])
        sources_full[name] = "nondefault"
        if required:
            req[name] = _required_scalar(name, p, kw["docType"])
            sources_req[name] = "required"
    strings = {k: (_stringify(v) if not isinstance(v, (dict, list)) else v) for k, v in full.items()}
    return [("required", req, sources_req), ("all", full, sources_full), ("all-strings", strings, sources_full)]


_values = None


# ---------------------------------------------------------------- recording

def _jsonable(value):
    try:
        json.dumps(value)
        return value
    except TypeError:
        return repr(value)


def _record(out_dir):
    global _values
    sys.path.insert(0, HERE)
    import values
    from discover import discover
    from server import RecordingServer
    import requests
    from importlib.metadata import version
    from losant_rest import Client, LosantError

    _values = values.Values(API_DIR)
    api_info = _load_api_info()
    actions = discover(Client)
    py_ids = {a["id"] for a in actions}
    by_resource = {}
    started = time.time()
    with RecordingServer() as srv:
        host = "127.0.0.1:%d" % srv.port
        for action in actions:
            api = api_info.get(action["id"])
            ok = action["responses"][0] if action["responses"] else {"status": 200, "schema": None}
            body, body_source = _values.example(ok["schema"])
            if body is None:
                body, body_source = {}, "empty"
            for variant, params, sources in _build_variants(action, api):
                srv.plan(ok["status"], body)
                client = Client(auth_token=AUTH_TOKEN, url=srv.base_url)
                fn = getattr(getattr(client, action["pythonAttr"]), action["pythonMethod"])
                try:
                    result = fn(**params)
                    outcome = {"returned": _jsonable(result), "returnedType": type(result).__name__}
                except LosantError as err:
                    outcome = {"raised": {"type": "LosantError", "status": err.status,
                                          "data": _jsonable(err.data), "str": str(err)}}
                except Exception as err:  # a client-side failure
                    outcome = {"raised": {"type": type(err).__name__, "str": str(err)}}
                recorded = srv.take()
                for r in recorded:
                    r["headers"] = [[k, v.replace(host, "127.0.0.1:{port}")] for k, v in r["headers"]]
                entry = {
                    "id": action["id"],
                    "variant": variant,
                    "call": "Client(auth_token=%r, url=BASE).%s.%s(**params)" % (
                        AUTH_TOKEN, action["pythonAttr"], action["pythonMethod"]),
                    "action": {
                        "method": action["method"],
                        "pathTemplate": action["pathTemplate"],
                        "inApiInfo": api is not None,
                        "kwargs": [{"name": k["name"], "in": k["in"], "jsonEncoded": k["jsonEncoded"],
                                    "docType": k["docType"]} for k in action["kwargs"]],
                    },
                    "params": params,
                    "paramSources": sources,
                    "requestCount": len(recorded),
                    "request": recorded[0] if recorded else None,
                    "response": {"status": ok["status"], "contentType": "application/json",
                                 "schema": ok["schema"], "bodySource": body_source, "body": body},
                    "outcome": outcome,
                }
                by_resource.setdefault(action["id"].split(".")[0], []).append(entry)
    elapsed = time.time() - started

    api_ids = set(api_info)
    entries = sum(len(v) for v in by_resource.values())
    index = {
        "about": "Requests sent by the official Losant Python client, recorded on loopback by "
                 "conformance/recorder/record.py. BASE is http://127.0.0.1:{port}; the Host "
                 "header's port is written {port}. One file per resource, entries sorted by id "
                 "then variant.",
        "client": {"package": "losant-rest", "version": version("losant-rest"),
                   "builtForApiVersion": re.search(r"Built For Version ([0-9.]+)", Client.__doc__).group(1)},
        "environment": {"requests": requests.__version__, "urllib3": version("urllib3"),
                        "python": ".".join(platform.python_version_tuple()[:2])},
        "authToken": AUTH_TOKEN,
        "actionCount": len(actions),
        "entryCount": entries,
        "variants": ["required", "all", "all-strings"],
        "files": sorted("%s.json" % r for r in by_resource),
        "pythonOnly": sorted(py_ids - api_ids),
        "apiInfoOnly": sorted(api_ids - py_ids),
    }
    os.makedirs(out_dir, exist_ok=True)
    for res, ents in by_resource.items():
        ents.sort(key=lambda e: (e["id"], e["variant"]))
        _write(os.path.join(out_dir, res + ".json"), {"resource": res, "entries": ents})
    _write(os.path.join(out_dir, "index.json"), index)
    sys.stderr.write("recorded %d actions, %d entries in %.1fs\n" % (len(actions), entries, elapsed))
    return index


def _write(path, doc):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--venv", default=os.path.join(REPO, "target", "conformance-venv"))
    ap.add_argument("--out", default=os.path.join(REPO, "conformance", "fixtures", "python-2.3.0"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if os.environ.get(INSIDE_ENV) != "1":
        _reexec_inside(args)
    if not args.check:
        if os.path.isdir(args.out):
            for name in os.listdir(args.out):
                if name.endswith(".json"):
                    os.remove(os.path.join(args.out, name))
        _record(args.out)
        return 0
    tmp = tempfile.mkdtemp(prefix="losant-conformance-")
    try:
        _record(tmp)
        want = sorted(n for n in os.listdir(args.out) if n.endswith(".json")) if os.path.isdir(args.out) else []
        got = sorted(os.listdir(tmp))
        bad = sorted(set(want) ^ set(got))
        bad += [n for n in sorted(set(want) & set(got))
                if not filecmp.cmp(os.path.join(tmp, n), os.path.join(args.out, n), shallow=False)]
        if bad:
            sys.stderr.write("fixtures differ from a fresh recording: %s\n" % ", ".join(bad))
            return 1
        sys.stderr.write("fixtures are up to date (%d files)\n" % len(got))
        return 0
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
