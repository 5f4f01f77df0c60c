#!/usr/bin/env python3
"""Export a PyTorch policy network as a Kibitz model package (see docs/byo-models.md).

A package is a directory:

    manifest.json            name, inputs, outputs, ordered stages, hook points with shapes and axes
    stages/NN_<stage>.pt     one TorchScript module per stage
    reference.safetensors    reference inputs and the PyTorch outputs, boundary activations and
                             outputs after each recorded intervention, for the server's parity guard

The model is cut at submodules the caller names, in forward order: chaining those submodules must
reproduce model(inputs) (the exporter checks). The output of every stage but the last is a hook
point named after its submodule; the last stage returns the model outputs. A non-final stage may
return a tuple (boundary, extra1, extra2, ...) whose extras become read-only capture points.

Library use:

    from export_kibitz_package import export_package, TensorDecl, Edit
    export_package(model, ["stages.0", "stages.1", "head"], out_dir="my-policy",
                   name="my-policy",
                   inputs=[TensorDecl("obs", "float32", [3, 25, 25], ["channel", "row", "col"])],
                   outputs=[TensorDecl("logits", "float32", [5], ["action"])],
                   reference_inputs={"obs": torch.rand(4, 3, 25, 25)})

Command line (the factory returns the nn.Module, weights already loaded):

    python3 tools/export_kibitz_package.py --factory mymodule:build --stages stages.0,stages.1,head \\
        --input obs:float32:3x25x25:channel,row,col --output logits:float32:5:action --out my-policy

Needs only torch (Debian's python3-torch 1.13 works); safetensors is written by hand.
"""

import argparse
import importlib
import json
import os
import struct
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import torch

FORMAT = "kibitz.package.v1"

# manifest dtype name -> (torch dtype, safetensors dtype name)
DTYPES = {
    "float32": (torch.float32, "F32"),
    "float16": (torch.float16, "F16"),
    "bfloat16": (torch.bfloat16, "BF16"),
    "int32": (torch.int32, "I32"),
    "int64": (torch.int64, "I64"),
    "bool": (torch.bool, "BOOL"),
}


@dataclass
class TensorDecl:
    """A per-example tensor: a model input or output (no batch axis)."""

    name: str
    dtype: str
    shape: List[int]
    axes: List[str]
    description: str = ""

    def to_json(self):
        return {"name": self.name, "dtype": self.dtype, "shape": list(self.shape), "axes": list(self.axes),
                "description": self.description}


@dataclass
class Edit:
    """An intervention at a boundary, recorded in the reference so the server can replay it.

    kind "add": x + coefficient * tensor, tensor a scalar, the hook's per-example shape, or
        [shape[0]] (per channel, on hooks of rank >= 2) -- Kibitz's Add.
    kind "set": x = tensor (a scalar) on the selected channels -- Kibitz's Set with a channel selector.
    """

    name: str
    hook: str
    kind: str
    tensor: torch.Tensor
    coefficient: float = 1.0
    channels: List[int] = field(default_factory=list)


def apply_edit(edit: Edit, x: torch.Tensor) -> torch.Tensor:
    per_example = list(x.shape[1:])
    t = edit.tensor.to(x.dtype)
    if edit.kind == "add":
        if t.dim() == 1 and len(per_example) >= 2 and list(t.shape) != per_example:
            t = t.view([t.shape[0]] + [1] * (len(per_example) - 1))
        y = x + edit.coefficient * t
    elif edit.kind == "set":
        if t.dim() != 0:
            raise ValueError(f"edit {edit.name}: set takes a scalar tensor")
        y = x.clone()
        if edit.channels:
            y[:, edit.channels] = t
        else:
            y[:] = t
    else:
        raise ValueError(f"edit {edit.name}: unknown kind {edit.kind!r} (add, set)")
    if edit.channels and edit.kind == "add":
        mask = torch.zeros(per_example[0], dtype=torch.bool)
        mask[edit.channels] = True
        mask = mask.view([1, per_example[0]] + [1] * (len(per_example) - 1))
        y = torch.where(mask, y, x)
    return y


def _split(out, stage: str, n_extras: int):
    """A non-final stage's result -> (boundary, [extras])."""
    if isinstance(out, torch.Tensor):
        if n_extras:
            raise ValueError(f"stage {stage}: declares {n_extras} extras but returns one tensor")
        return out, []
    if isinstance(out, (tuple, list)) and all(isinstance(t, torch.Tensor) for t in out):
        if len(out) != 1 + n_extras:
            raise ValueError(f"stage {stage}: returns {len(out)} tensors, expected 1 boundary + {n_extras} extras")
        return out[0], list(out[1:])
    raise ValueError(f"stage {stage}: must return a tensor or a tuple of tensors, got {type(out).__name__}")


def _outputs(out, n: int) -> List[torch.Tensor]:
    outs = [out] if isinstance(out, torch.Tensor) else list(out)
    if len(outs) != n or not all(isinstance(t, torch.Tensor) for t in outs):
        raise ValueError(f"the last stage returns {len(outs)} values, the package declares {n} outputs")
    return outs


def run_chain(stages, inputs: List[torch.Tensor], extras: Dict[str, List[str]], n_outputs: int,
              edit: Optional[Edit] = None):
    """Eager forward through the stage submodules: (outputs, {hook: activation})."""
    seen = {}
    x = inputs
    for i, (name, module) in enumerate(stages):
        out = module(*x)
        if i == len(stages) - 1:
            return _outputs(out, n_outputs), seen
        boundary, extra = _split(out, name, len(extras.get(name, [])))
        for extra_name, t in zip(extras.get(name, []), extra):
            seen[f"{name}.{extra_name}"] = t
        if edit is not None and edit.hook == name:
            boundary = apply_edit(edit, boundary)
        seen[name] = boundary
        x = [boundary]
    raise AssertionError("unreachable")


def write_safetensors(path: str, tensors: Dict[str, torch.Tensor], metadata: Dict[str, str]):
    """The safetensors format by hand: u64 LE header length, JSON header, raw C-order LE bytes."""
    header = {"__metadata__": metadata} if metadata else {}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        st_dtype = next(st for (td, st) in DTYPES.values() if td == t.dtype)
        data = t.view(torch.uint8).numpy().tobytes() if t.dim() > 0 else t.reshape(1).view(torch.uint8).numpy().tobytes()
        header[name] = {"dtype": st_dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def _spec(name, t: torch.Tensor, axes: Dict[str, List[str]], descriptions: Dict[str, str], read_only=False):
    shape = list(t.shape[1:])
    names = axes.get(name) or [f"d{i}" for i in range(len(shape))]
    if len(names) != len(shape):
        raise ValueError(f"hook {name}: {len(names)} axis names {names} for per-example shape {shape}")
    dtype = next(k for k, (td, _) in DTYPES.items() if td == t.dtype)
    spec = {"name": name, "dtype": dtype, "shape": shape, "axes": names, "description": descriptions.get(name, "")}
    if read_only:
        spec["read_only"] = True
    return spec


def export_package(model: torch.nn.Module, stage_names: Sequence[str], out_dir: str, name: str,
                   inputs: List[TensorDecl], outputs: List[TensorDecl], reference_inputs: Dict[str, torch.Tensor],
                   description: str = "", checkpoint: str = "exported", method: str = "trace",
                   axes: Optional[Dict[str, List[str]]] = None, descriptions: Optional[Dict[str, str]] = None,
                   extras: Optional[Dict[str, List[str]]] = None, edits: Sequence[Edit] = (),
                   abs_tolerance: float = 1e-4, rel_tolerance: float = 1e-4, provenance: Optional[dict] = None):
    """Writes the package to out_dir (created; existing files are overwritten)."""
    axes = axes or {}
    descriptions = descriptions or {}
    extras = extras or {}
    model = model.eval()
    if not stage_names:
        raise ValueError("name at least one stage")
    stages = [(s, model.get_submodule(s)) for s in stage_names]
    x = [reference_inputs[d.name] for d in inputs]
    for d, t in zip(inputs, x):
        if t.dtype != DTYPES[d.dtype][0] or list(t.shape[1:]) != list(d.shape):
            raise ValueError(f"reference input {d.name}: {t.dtype} {list(t.shape)}, declared {d.dtype} [N]+{d.shape}")
    with torch.no_grad():
        full = model(*x)
        chained, seen = run_chain(stages, x, extras, len(outputs))
        for o, a, b in zip(outputs, _outputs(full, len(outputs)), chained):
            if not torch.allclose(a, b, atol=1e-6, rtol=1e-6):
                raise ValueError(f"the stages {list(stage_names)}, chained, do not reproduce model(...) on output "
                                 f"{o.name} (max abs diff {(a - b).abs().max().item():.3g}); name submodules that "
                                 "cover the whole forward pass, in order")

    os.makedirs(os.path.join(out_dir, "stages"), exist_ok=True)
    manifest_stages = []
    reference = {f"input/{d.name}": t for d, t in zip(inputs, x)}
    stage_in = x
    for i, (stage, module) in enumerate(stages):
        file = f"stages/{i:02d}_{stage.replace('.', '_')}.pt"
        with torch.no_grad():
            if method == "trace":
                ts = torch.jit.trace(module, tuple(stage_in), check_trace=True)
            elif method == "script":
                ts = torch.jit.script(module)
            else:
                raise ValueError(f"method must be trace or script, got {method!r}")
        ts = torch.jit.freeze(ts.eval()) if method == "script" else ts.eval()
        torch.jit.save(ts, os.path.join(out_dir, file))
        entry = {"name": stage, "file": file}
        if i < len(stages) - 1:
            entry["hook"] = _spec(stage, seen[stage], axes, descriptions)
            entry["extras"] = [_spec(f"{stage}.{e}", seen[f"{stage}.{e}"], axes, descriptions, read_only=True)
                               for e in extras.get(stage, [])]
            stage_in = [seen[stage]]
        manifest_stages.append(entry)

    for o, t in zip(outputs, chained):
        reference[f"output/{o.name}"] = t
    for hook, t in seen.items():
        reference[f"hook/{hook}"] = t
    manifest_edits = []
    for e in edits:
        if e.hook not in stage_names[:-1]:
            raise ValueError(f"edit {e.name}: hook {e.hook} is not a stage boundary ({list(stage_names[:-1])})")
        with torch.no_grad():
            edited, _ = run_chain(stages, x, extras, len(outputs), edit=e)
        reference[f"edit/{e.name}/tensor"] = e.tensor
        for o, t in zip(outputs, edited):
            reference[f"edit/{e.name}/output/{o.name}"] = t
        manifest_edits.append({"name": e.name, "hook": e.hook, "kind": e.kind, "tensor": f"edit/{e.name}/tensor",
                               "coefficient": e.coefficient, "channels": list(e.channels)})
    write_safetensors(os.path.join(out_dir, "reference.safetensors"), reference,
                      {"torch": torch.__version__, "format": FORMAT})

    manifest = {
        "format": FORMAT,
        "name": name,
        "description": description,
        "checkpoint": checkpoint,
        "inputs": [d.to_json() for d in inputs],
        "outputs": [d.to_json() for d in outputs],
        "stages": manifest_stages,
        "reference": {"file": "reference.safetensors", "edits": manifest_edits},
        "parity": {"abs_tolerance": abs_tolerance, "rel_tolerance": rel_tolerance, "enforce": True},
        "provenance": dict(provenance or {}, exporter="tools/export_kibitz_package.py", torch=torch.__version__,
                           method=method),
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return manifest


def _decl(text: str) -> TensorDecl:
    """name:dtype:AxBxC:axis,axis[:description]"""
    parts = text.split(":", 4)
    if len(parts) < 4:
        raise argparse.ArgumentTypeError(f"{text!r}: expected name:dtype:shape:axes, e.g. obs:float32:3x25x25:c,h,w")
    shape = [int(d) for d in parts[2].split("x")] if parts[2] else []
    return TensorDecl(parts[0], parts[1], shape, parts[3].split(",") if parts[3] else [],
                      parts[4] if len(parts) > 4 else "")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--factory", required=True, help="module:function returning the nn.Module (on sys.path)")
    p.add_argument("--stages", required=True, help="comma-separated submodule names, in forward order")
    p.add_argument("--input", action="append", type=_decl, required=True)
    p.add_argument("--output", action="append", type=_decl, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--name")
    p.add_argument("--method", default="trace", choices=["trace", "script"])
    p.add_argument("--examples", type=int, default=4, help="reference batch size (random inputs)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    module_name, fn = args.factory.split(":")
    sys.path.insert(0, os.getcwd())
    model = getattr(importlib.import_module(module_name), fn)()
    g = torch.Generator().manual_seed(args.seed)
    ref = {}
    for d in args.input:
        dt = DTYPES[d.dtype][0]
        shape = [args.examples] + d.shape
        ref[d.name] = torch.rand(shape, generator=g).to(dt) if dt.is_floating_point else torch.zeros(shape, dtype=dt)
    export_package(model, args.stages.split(","), args.out, args.name or os.path.basename(args.out.rstrip("/")),
                   args.input, args.output, ref, method=args.method, provenance={"seed": args.seed})
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
