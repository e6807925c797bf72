"""Imports each exported model file given on the command line and prints one JSON line per file: PyTorch's own
layer_summary() (parameter count and every layer's output shape from forward hooks), or the error it raised."""
import importlib.util
import json
import sys
import traceback

for index, path in enumerate(sys.argv[1:]):
    try:
        spec = importlib.util.spec_from_file_location("exported_%d" % index, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        result = {"file": path, "summary": module.layer_summary()}
    except Exception:
        result = {"file": path, "error": traceback.format_exc(limit=3)}
    print(json.dumps(result), flush=True)
