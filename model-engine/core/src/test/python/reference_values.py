"""Independent reference figures for the engine's shape/cost tests, computed with PyTorch itself.

Run with /usr/bin/python3 (Debian python3-torch 1.13, python3-torchvision 0.14). Each line printed is quoted in a
comment of the Java test that asserts it.
"""
import torch
import torch.nn as nn
import torchvision

torch.manual_seed(0)


def params(m):
    return sum(p.numel() for p in m.parameters())


def buffers(m):
    # running_mean + running_var only (num_batches_tracked is a counter, not per-channel state)
    return sum(b.numel() for n, b in m.named_buffers() if not n.endswith("num_batches_tracked"))


def shape(m, *dims):
    with torch.no_grad():
        return tuple(m(torch.zeros(1, *dims)).shape[1:])


print("== conv")
for desc, m, dims in [
    ("k7 s2 p3 3->64 nobias 224", nn.Conv2d(3, 64, 7, 2, 3, bias=False), (3, 224, 224)),
    ("k3 p2 d2 16->8 bias 32", nn.Conv2d(16, 8, 3, 1, 2, dilation=2), (16, 32, 32)),
    ("k3 s2 p1 g4 64->128 nobias 56", nn.Conv2d(64, 128, 3, 2, 1, groups=4, bias=False), (64, 56, 56)),
    ("k4x5 same 10->20 bias 15x17", nn.Conv2d(10, 20, (4, 5), padding="same"), (10, 15, 17)),
    ("k3 same d3 4->4 9x9", nn.Conv2d(4, 4, 3, padding="same", dilation=3), (4, 9, 9)),
    ("k3x5 s2x3 p1x2 3->6 bias 20x30", nn.Conv2d(3, 6, (3, 5), (2, 3), (1, 2)), (3, 20, 30)),
]:
    print(desc, shape(m, *dims), "params", params(m))

print("== pool")
for desc, m, dims in [
    ("max k3 s2 p1 112", nn.MaxPool2d(3, 2, 1), (64, 112, 112)),
    ("max k2 s2 p1 ceil 5", nn.MaxPool2d(2, 2, 1, ceil_mode=True), (1, 5, 5)),
    ("max k3 s2 ceil 6", nn.MaxPool2d(3, 2, 0, ceil_mode=True), (1, 6, 6)),
    ("max k3 s2 floor 6", nn.MaxPool2d(3, 2, 0), (1, 6, 6)),
    ("max k3 s2 ceil 112", nn.MaxPool2d(3, 2, ceil_mode=True), (64, 112, 112)),
    ("max k3 s3 p1 ceil 4x10", nn.MaxPool2d(3, 3, 1, ceil_mode=True), (1, 4, 10)),
    ("avg k2 s2 p1 ceil 7", nn.AvgPool2d(2, 2, 1, ceil_mode=True), (8, 7, 7)),
    ("avg k2x3 s2x1 p1x0 9x9", nn.AvgPool2d((2, 3), (2, 1), (1, 0)), (2, 9, 9)),
    ("adaptive 6 from 13", nn.AdaptiveAvgPool2d(6), (256, 13, 13)),
    ("global 7", nn.AdaptiveAvgPool2d(1), (2048, 7, 7)),
]:
    print(desc, shape(m, *dims))
try:
    nn.MaxPool2d(3, 1, 2)(torch.zeros(1, 1, 8, 8))
except RuntimeError as e:
    print("max k3 p2:", str(e).splitlines()[0])
try:
    nn.Conv2d(4, 4, 3, stride=2, padding="same")
except ValueError as e:
    print("same s2:", e)

print("== dense / bn / lrn")
print("linear 9216->4096", params(nn.Linear(256 * 6 * 6, 4096)))
bn = nn.BatchNorm2d(64)
print("bn64 params", params(bn), "state", buffers(bn))
print("bn1d 100 params", params(nn.BatchNorm1d(100)))
print("lrn", shape(nn.LocalResponseNorm(5), 96, 55, 55))

print("== blocks")
from torchvision.models.resnet import BasicBlock, Bottleneck


def proj(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))


b = BasicBlock(64, 64)
print("basic 64->64 s1", params(b), "state", buffers(b), shape(b, 64, 56, 56))
b = BasicBlock(64, 128, 2, proj(64, 128, 2))
print("basic 64->128 s2 proj", params(b), shape(b, 64, 56, 56))
b = BasicBlock(64, 128, 1, proj(64, 128, 1))
print("basic 64->128 s1 proj", params(b), shape(b, 64, 56, 56))
b = Bottleneck(64, 64, 1, proj(64, 256, 1))
print("bottleneck 64 w64 ->256 proj", params(b), "state", buffers(b), shape(b, 64, 56, 56))
b = Bottleneck(256, 64)
print("bottleneck 256 w64 ->256", params(b), shape(b, 256, 56, 56))
b = Bottleneck(256, 128, 2, proj(256, 512, 2), groups=32, base_width=4)
print("resnext bottleneck 256 w256 g32 ->512 s2", params(b), shape(b, 256, 56, 56))
rx = torchvision.models.resnext50_32x4d()
print("torchvision resnext50 layer2[0]", params(rx.layer2[0]))
r50 = torchvision.models.resnet50()
print("torchvision resnet50 layer1", params(r50.layer1), "layer1[0]", params(r50.layer1[0]))
r152 = torchvision.models.resnet152()
print("torchvision resnet152", params(r152))


class PreActBasic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1, self.conv1 = nn.BatchNorm2d(cin), nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn2, self.conv2 = nn.BatchNorm2d(cout), nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.short = nn.Conv2d(cin, cout, 1, stride, bias=False) if stride != 1 or cin != cout else None

    def forward(self, x):
        a = torch.relu(self.bn1(x))
        s = self.short(a) if self.short is not None else x
        return self.conv2(torch.relu(self.bn2(self.conv1(a)))) + s


print("preact basic 64->64", params(PreActBasic(64, 64, 1)))
print("preact basic 64->128 s2", params(PreActBasic(64, 128, 2)), shape(PreActBasic(64, 128, 2), 64, 56, 56))


class SE(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.fc1, self.fc2 = nn.Conv2d(c, c // r, 1), nn.Conv2d(c // r, c, 1)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.fc2(torch.relu(self.fc1(s))))


print("se 256 r16", params(SE(256, 16)), shape(SE(256, 16), 256, 56, 56))

from torchvision.models.densenet import _DenseBlock, _Transition
d = _DenseBlock(6, 64, 4, 32, 0.0)
print("denseblock 6x32 on 64", params(d), "state", buffers(d), shape(d, 64, 56, 56))
t = _Transition(256, 128)
print("transition 256->128", params(t), shape(t, 256, 56, 56))


class Inception(nn.Module):
    # the paper's module: conv + bias + ReLU, 5x5 branch
    def __init__(self, cin, a, br, b, cr, c, p, bn=False):
        super().__init__()

        def cv(i, o, k):
            layers = [nn.Conv2d(i, o, k, padding=k // 2, bias=not bn)]
            if bn:
                layers.append(nn.BatchNorm2d(o))
            return nn.Sequential(*layers, nn.ReLU())

        self.b1 = cv(cin, a, 1)
        self.b2 = nn.Sequential(cv(cin, br, 1), cv(br, b, 3))
        self.b3 = nn.Sequential(cv(cin, cr, 1), cv(cr, c, 5))
        self.b4 = nn.Sequential(nn.MaxPool2d(3, 1, 1), cv(cin, p, 1))

    def forward(self, x):
        return torch.cat([self.b1(x), self.b2(x), self.b3(x), self.b4(x)], 1)


i = Inception(192, 64, 96, 128, 16, 32, 32)
print("inception 3a", params(i), shape(i, 192, 28, 28))
i = Inception(192, 64, 96, 128, 16, 32, 32, bn=True)
print("inception 3a bn", params(i), "state", buffers(i))

print("== receptive field (all-ones weights, gradient of the centre output)")


def rf(model, size):
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    y = model(x)
    h, w = y.shape[2] // 2, y.shape[3] // 2
    y[0, 0, h, w].backward()
    rows = (x.grad[0, 0].abs().sum(1) > 0).nonzero().flatten()
    return int(rows.max() - rows.min() + 1)


def ones(m):
    for p in m.parameters():
        nn.init.constant_(p, 1.0)
    return m


chain = [
    ones(nn.Conv2d(1, 1, 3, 1, 1)), ones(nn.Conv2d(1, 1, 3, 1, 1)), nn.AvgPool2d(2, 2),
    ones(nn.Conv2d(1, 1, 3, 1, 1)), ones(nn.Conv2d(1, 1, 3, 2, 1)), ones(nn.Conv2d(1, 1, 3, 1, 2, dilation=2)),
]
for n in range(1, len(chain) + 1):
    print("rf after", n, "layers:", rf(nn.Sequential(*chain[:n]), 64))
