"""Discover every action of the installed official Python client.

`losant_rest.Client` holds one wrapper object per resource; each wrapper class
has one public method per action. The method's source says where each keyword
argument goes (path, query, header or body, and whether it is JSON-encoded
first), the HTTP method and the path template; its docstring lists the
param types and the documented responses. Reading the source with `ast`
instead of trusting the docstring alone means the recorder knows exactly which
keyword arguments the method accepts.
"""

import ast
import inspect
import keyword
import re
import textwrap

_PARAM_RE = re.compile(r"^\*\s+\{(?P<type>[^}]*)\}\s+(?P<name>\S+)\s+-\s+(?P<desc>.*)$")
_RESP_RE = re.compile(r"^\*\s+(?P<status>\d{3})\s+-\s+(?P<desc>.*?)(?:\s+\(https?://[^)#]*#/definitions/(?P<schema>[A-Za-z0-9_]+)\))?$")


def lower_camel(name):
    """`ApplicationApiTokens` -> `applicationApiTokens`, `apply_template` -> `applyTemplate`."""
    if "_" in name:
        head, *rest = name.split("_")
        return head + "".join(p[:1].upper() + p[1:] for p in rest)
    return name[:1].lower() + name[1:]


def _parse_docstring(doc):
    params, responses, errors = [], [], []
    section = None
    for line in textwrap.dedent(doc or "").splitlines():
        line = line.strip()
        if line in ("Parameters:", "Responses:", "Errors:"):
            section = line[:-1]
            continue
        if section == "Parameters":
            m = _PARAM_RE.match(line)
            if m:
                params.append({"name": m.group("name"), "type": m.group("type"), "description": m.group("desc")})
        elif section in ("Responses", "Errors"):
            m = _RESP_RE.match(line)
            if m:
                entry = {"status": int(m.group("status")), "description": m.group("desc"), "schema": m.group("schema")}
                (responses if section == "Responses" else errors).append(entry)
    return params, responses, errors


def _where(stmt):
    """Where one `if "x" in kwargs:` body puts the value: (location, jsonEncoded)."""
    assign = stmt.body[0]
    target, value = assign.targets[0], assign.value
    json_encoded = (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                    and value.func.attr == "dumps")
    if isinstance(target, ast.Name) and target.id == "body":
        return "body", json_encoded
    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
        return {"path_params": "path", "query_params": "query", "headers": "header"}[target.value.id], json_encoded
    raise ValueError("unexpected assignment in client method: %s" % ast.dump(assign))


def _parse_method(func):
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    fn = tree.body[0]
    kwargs = []
    method = path = None
    default_query = None
    for node in ast.walk(fn):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare) \
                and isinstance(node.test.ops[0], ast.In) and isinstance(node.test.left, ast.Constant):
            loc, enc = _where(node)
            kwargs.append({"name": node.test.left.value, "in": loc, "jsonEncoded": enc, "line": node.lineno})
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name == "path" and isinstance(node.value, ast.Call):
                path = node.value.func.value.value
            elif name == "query_params" and isinstance(node.value, ast.Dict):
                default_query = [[k.value, v.value] for k, v in zip(node.value.keys, node.value.values)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "request":
            method = node.args[0].value
    kwargs.sort(key=lambda k: k["line"])
    for k in kwargs:
        del k["line"]
    return method, path, default_query, kwargs


def discover(client_cls):
    """Return the actions, sorted by id, each a dict describing one method."""
    client = client_cls(auth_token="x", url="http://127.0.0.1:1")
    actions = []
    for attr, wrapper in sorted(vars(client).items()):
        if attr in ("url", "auth_token"):
            continue
        cls = type(wrapper)
        resource = lower_camel(cls.__name__)
        for meth_name, func in sorted(vars(cls).items()):
            if meth_name.startswith("_") or not callable(func):
                continue
            method, path, default_query, kwargs = _parse_method(func)
            doc_params, responses, errors = _parse_docstring(func.__doc__)
            doc_types = {p["name"]: p["type"] for p in doc_params}
            for k in kwargs:
                k["docType"] = doc_types.get(k["name"])
            # The client prefixes action names that are Python keywords
            # (`import` -> `api_import`); the action id keeps the API's name.
            action_name = meth_name
            if meth_name.startswith("api_") and keyword.iskeyword(meth_name[4:]):
                action_name = meth_name[4:]
            actions.append({
                "id": "%s.%s" % (resource, lower_camel(action_name)),
                "pythonAttr": attr,
                "pythonMethod": meth_name,
                "method": method,
                "pathTemplate": path,
                "defaultQuery": default_query,
                "kwargs": kwargs,
                "docParams": doc_params,
                "responses": responses,
                "errors": errors,
            })
    actions.sort(key=lambda a: a["id"])
    return actions
