"""Exports PyTorch models to ONNX with Debian's PyTorch and prints PyTorch's own figures for each, as JSON lines.

Usage: /usr/bin/python3 torch_onnx_models.py OUT_DIR NAME [NAME ...]

For each model: OUT_DIR/NAME.onnx (torch.onnx.export, opset 13, batch dimension dynamic, batch norm kept as its own
operator: TrainingMode.PRESERVE on a model in eval mode), then one line
  {"name", "file", "params", "macs", "shapes": {module: [[C, H, W] per call]}, "logits": [...]}
where params = sum(p.numel()) over parameters, macs = multiply-accumulates of Conv2d and Linear measured with
forward hooks on a real forward pass (conv: out.numel() * in/groups * kh * kw; linear: in * out), shapes = every
leaf module's output shape per call (forward hooks), logits = the first ten outputs for a fixed seeded input; that
input and all its logits are also written as raw little-endian float32 (NAME.input.bin, NAME.logits.bin).
"""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models as tvm


class Branchy(nn.Module):
    """A hand-written network with branches: parallel convolution and pooling paths joined by a concat, a
    squeeze-and-excitation gate (Mul by a per-channel factor), a residual add, padded average pools that count and
    do not count their padding, a LeakyReLU, and x.view(x.size(0), -1) (PyTorch's Shape/Gather/Reshape chain)."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.stem_bn = nn.BatchNorm2d(16)
        self.stem_act = nn.LeakyReLU(0.1)
        self.a = nn.Conv2d(16, 24, 3, padding=1, bias=False)
        self.b_pool = nn.MaxPool2d(3, stride=1, padding=1)
        self.b = nn.Conv2d(16, 8, 1)
        self.c_pool = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.c = nn.Conv2d(16, 8, 1, groups=2)
        self.se_pool = nn.AdaptiveAvgPool2d(1)
        self.se_fc1 = nn.Conv2d(40, 10, 1)
        self.se_relu = nn.ReLU()
        self.se_fc2 = nn.Conv2d(10, 40, 1)
        self.se_gate = nn.Sigmoid()
        self.proj = nn.Conv2d(16, 40, 1, bias=False)
        self.pool = nn.AvgPool2d(2, stride=2, padding=1)
        self.dil = nn.Conv2d(40, 32, 3, padding=2, dilation=2)
        self.tanh = nn.Tanh()
        self.fc = nn.Linear(32 * 9 * 9, 10)

    def forward(self, x):
        x = self.stem_act(self.stem_bn(self.stem(x)))
        y = torch.cat([self.a(x), self.b(self.b_pool(x)), self.c(self.c_pool(x))], 1)
        g = self.se_gate(self.se_fc2(self.se_relu(self.se_fc1(self.se_pool(y)))))
        y = y * g + self.proj(x)
        y = self.tanh(self.dil(self.pool(y)))
        return self.fc(y.view(y.size(0), -1))


def build(name):
    if name == "branchy":
        return Branchy(), (1, 3, 32, 32)
    if name == "googlenet":
        return tvm.googlenet(aux_logits=False, init_weights=True), (1, 3, 224, 224)
    return getattr(tvm, name)(), (1, 3, 224, 224)


def figures(model, x):
    shapes, macs = {}, [0]
    names = {m: n for n, m in model.named_modules()}

    def hook(m, inp, out):
        if isinstance(out, torch.Tensor):
            shapes.setdefault(names[m], []).append(list(out.shape[1:]))
        if isinstance(m, nn.Conv2d):
            macs[0] += out.numel() // out.shape[0] * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            macs[0] += m.in_features * m.out_features

    # Dropout, Identity and EfficientNet's stochastic depth leave no operator in an inference export: nothing to
    # compare.
    from torchvision.ops import StochasticDepth
    handles = [m.register_forward_hook(hook) for m in model.modules()
               if len(list(m.children())) == 0 and not isinstance(m, (nn.Dropout, nn.Identity, StochasticDepth))]
    with torch.no_grad():
        out = model(x)
    for h in handles:
        h.remove()
    return shapes, macs[0], out


def main():
    out_dir = sys.argv[1]
    for name in sys.argv[2:]:
        torch.manual_seed(0)
        model, size = build(name)
        model.eval()
        x = torch.randn(*size, generator=torch.Generator().manual_seed(1))
        shapes, macs, out = figures(model, x)
        path = f"{out_dir}/{name}.onnx"
        torch.onnx.export(model, x, path, opset_version=13, training=torch.onnx.TrainingMode.PRESERVE,
                          do_constant_folding=False, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
        x.numpy().astype("float32").tofile(f"{out_dir}/{name}.input.bin")
        out.numpy().astype("float32").tofile(f"{out_dir}/{name}.logits.bin")
        print(json.dumps({"name": name, "file": path, "params": sum(p.numel() for p in model.parameters()),
                          "macs": macs, "shapes": shapes, "logits": out.flatten()[:10].tolist()}), flush=True)


if __name__ == "__main__":
    main()
