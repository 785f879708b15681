"""Run by extract-cbn-models.py inside the throw-away virtual environment that holds the
SDK: prints, as JSON, the request and response-body models of the actions named on the
command line, and every nested model they reference.

    python cbn_model_introspect.py <models module> '<JSON list of action names>'

Fields come from the generated model classes themselves:
- wire name: the key `to_map` writes for the attribute;
- type: the constructor's annotation (string, integer, boolean, number, map, a nested
  model by name, or a list of them);
- required: the attribute's comment carries the sentence "This parameter is required."
  (the SDK's generator writes it for parameters the API reference marks required).
"""
import importlib
import inspect
import json
import re
import sys

SCALARS = {"str": "string", "int": "integer", "bool": "boolean", "float": "number", "Any": "any"}
WIRE_RE = re.compile(r"result\['(\w+)'\]\s*=")
ATTR_RE = re.compile(r"\bself\.(\w+)\b")
ASSIGN_RE = re.compile(r"^\s*self\.(\w+) = (\w+)\s*$")
REQUIRED_SENTENCE = "This parameter is required."


def type_of(annotation, module, pending):
    text = str(annotation).replace("main_models.", "").replace("typing.", "").strip("'\"")
    m = re.fullmatch(r"List\[(.+)\]", text)
    if m:
        return {"list": type_of(m.group(1), module, pending)}
    m = re.fullmatch(r"Dict\[(\w+),\s*(.+)\]", text)
    if m:
        return {"map": type_of(m.group(2), module, pending)}
    if text in SCALARS:
        return SCALARS[text]
    if hasattr(module, text):
        pending.append(text)
        return {"model": text}
    raise SystemExit(f"unknown annotation {text!r}")


def wire_names(cls):
    """attribute -> wire name, read from to_map."""
    lines = inspect.getsource(cls.to_map).split("\n")
    names = {}
    for i, line in enumerate(lines):
        wire = WIRE_RE.search(line)
        if not wire:
            continue
        same = [a for a in ATTR_RE.findall(line[wire.end() :])]
        following = ATTR_RE.findall(lines[i + 1]) if i + 1 < len(lines) else []
        attr = (same or following or [None])[0]
        if attr is None:
            raise SystemExit(f"{cls.__name__}.to_map: no attribute for {wire.group(1)}")
        names.setdefault(attr, wire.group(1))
    return names


def required_attrs(cls):
    """Attributes whose comment block says the parameter is required."""
    required, comments = set(), []
    for line in inspect.getsource(cls.__init__).split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(stripped.lstrip("#").strip())
            continue
        m = ASSIGN_RE.match(line)
        if m:
            if REQUIRED_SENTENCE in comments:
                required.add(m.group(1))
            comments = []
    return required


def describe(cls, module, pending):
    wires = wire_names(cls)
    required = required_attrs(cls)
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = []
    for p in params:
        if p.name not in wires:
            raise SystemExit(f"{cls.__name__}: attribute {p.name} has no wire name in to_map")
        field = {"name": wires[p.name], "type": type_of(p.annotation, module, pending)}
        if p.name in required:
            field["required"] = True
        fields.append(field)
    return {"fields": fields}


def main():
    module = importlib.import_module(sys.argv[1])
    actions = json.loads(sys.argv[2])
    out_actions, models, pending = {}, {}, []
    for action in actions:
        request, body = f"{action}Request", f"{action}ResponseBody"
        for name in (request, body):
            if not hasattr(module, name):
                raise SystemExit(f"{sys.argv[1]} has no {name} (action {action})")
        out_actions[action] = {"request": request, "response": body}
        pending += [request, body]
    while pending:
        name = pending.pop()
        if name not in models:
            models[name] = describe(getattr(module, name), module, pending)
    json.dump({"actions": out_actions, "models": dict(sorted(models.items()))}, sys.stdout)


if __name__ == "__main__":
    main()
