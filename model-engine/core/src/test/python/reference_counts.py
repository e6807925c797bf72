#!/usr/bin/python3
"""Independent reference figures for NetCanvas's presets, computed by PyTorch itself.

Run with Debian's PyTorch (torch 1.13, torchvision 0.14):  /usr/bin/python3 reference_counts.py [PRESET ...]

For every preset it builds the PyTorch model (torchvision's where one exists, otherwise a hand-written nn.Module
following the paper), then prints
  - parameters: sum(p.numel() for p in model.parameters())  (trainable; BN running stats are buffers, not counted)
  - BN state: the running_mean and running_var buffers
  - conv+linear: how many Conv2d and Linear layers ran in the forward pass
  - MACs: multiply-accumulates of Conv2d and Linear layers for one sample, measured with forward hooks on a real
    forward pass (conv: out.numel() * in_channels/groups * kh * kw; linear: in_features * out_features)
  - the output shapes of a few named modules, for the shape checks in the Java tests.
PresetTotalsTest and PresetShapesTest hard-code these printed numbers.
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models as tvm


# ---------------------------------------------------------------- hand-written models (no torchvision version)

class AlexNetPaper(nn.Module):
    """Krizhevsky, Sutskever & Hinton 2012, the two-GPU network as one graph: conv2, conv4 and conv5 only see the
    kernel maps on their own GPU (groups=2); conv3 and the dense layers connect across GPUs. 227x227 input (the
    paper's 224 does not give its 55x55 conv1 output without padding). LRN(5, 1e-4, 0.75, k=2) after the ReLUs of
    conv1 and conv2, then overlapping 3x3/2 max pooling; dropout on fc6 and fc7."""

    def __init__(self, num_classes=1000):
        super().__init__()
        lrn = lambda: nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, 11, stride=4), nn.ReLU(), lrn(), nn.MaxPool2d(3, 2),
            nn.Conv2d(96, 256, 5, padding=2, groups=2), nn.ReLU(), lrn(), nn.MaxPool2d(3, 2),
            nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
            nn.Conv2d(384, 384, 3, padding=1, groups=2), nn.ReLU(),
            nn.Conv2d(384, 256, 3, padding=1, groups=2), nn.ReLU(), nn.MaxPool2d(3, 2))
        self.classifier = nn.Sequential(
            nn.Linear(256 * 6 * 6, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, num_classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class ZFNet(nn.Module):
    """Zeiler & Fergus 2013, Fig. 3: 7x7/2 conv1 (pad 1: 224 -> 110), ReLU, 3x3/2 max pool (ceil: 110 -> 55),
    contrast normalisation across maps (LRN); 5x5/2 conv2 (55 -> 26), ReLU, pool (ceil: 26 -> 13), LRN; 3x3 convs
    384, 384, 256 at 13x13; pool 3x3/2 (13 -> 6); fc 4096, 4096, 1000 with dropout."""

    def __init__(self, num_classes=1000):
        super().__init__()
        lrn = lambda: nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, 7, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True), lrn(),
            nn.Conv2d(96, 256, 5, stride=2), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True), lrn(),
            nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
            nn.Conv2d(384, 384, 3, padding=1), nn.ReLU(),
            nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2))
        self.classifier = nn.Sequential(
            nn.Linear(256 * 6 * 6, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, num_classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class ConvReLU(nn.Sequential):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__(nn.Conv2d(cin, cout, k, stride=stride, padding=padding), nn.ReLU())


class InceptionPaper(nn.Module):
    """Szegedy et al. 2014, Fig. 2(b): plain conv + bias + ReLU, with a real 5x5 in the third branch."""

    def __init__(self, cin, n1, r3, n3, r5, n5, pp):
        super().__init__()
        self.b1 = ConvReLU(cin, n1, 1)
        self.b2 = nn.Sequential(ConvReLU(cin, r3, 1), ConvReLU(r3, n3, 3, padding=1))
        self.b3 = nn.Sequential(ConvReLU(cin, r5, 1), ConvReLU(r5, n5, 5, padding=2))
        self.b4 = nn.Sequential(nn.MaxPool2d(3, 1, padding=1), ConvReLU(cin, pp, 1))

    def forward(self, x):
        return torch.cat([self.b1(x), self.b2(x), self.b3(x), self.b4(x)], 1)


class AuxPaper(nn.Module):
    """The paper's auxiliary classifier: 5x5/3 average pool, 1x1 conv 128 + ReLU, fc 1024 + ReLU, dropout 0.7,
    fc 1000."""

    def __init__(self, cin, num_classes=1000):
        super().__init__()
        self.pool = nn.AvgPool2d(5, 3)
        self.conv = ConvReLU(cin, 128, 1)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.drop = nn.Dropout(0.7)
        self.fc2 = nn.Linear(1024, num_classes)

    def forward(self, x):
        x = torch.flatten(self.conv(self.pool(x)), 1)
        return self.fc2(self.drop(F.relu(self.fc1(x))))


class GoogLeNetPaper(nn.Module):
    """Szegedy et al. 2014, Table 1 with the Caffe reference's layout: LRN(5, 1e-4, 0.75) after pool1 and after
    conv2, max pools 3x3/2 rounding up (ceil mode), 7x7/1 average pool, dropout 0.4, fc 1000."""

    def __init__(self, aux=False, num_classes=1000):
        super().__init__()
        lrn = lambda: nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=1.0)
        self.stem = nn.Sequential(
            ConvReLU(3, 64, 7, stride=2, padding=3), nn.MaxPool2d(3, 2, ceil_mode=True), lrn(),
            ConvReLU(64, 64, 1), ConvReLU(64, 192, 3, padding=1), lrn(), nn.MaxPool2d(3, 2, ceil_mode=True))
        self.inception3a = InceptionPaper(192, 64, 96, 128, 16, 32, 32)
        self.inception3b = InceptionPaper(256, 128, 128, 192, 32, 96, 64)
        self.pool3 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.inception4a = InceptionPaper(480, 192, 96, 208, 16, 48, 64)
        self.inception4b = InceptionPaper(512, 160, 112, 224, 24, 64, 64)
        self.inception4c = InceptionPaper(512, 128, 128, 256, 24, 64, 64)
        self.inception4d = InceptionPaper(512, 112, 144, 288, 32, 64, 64)
        self.inception4e = InceptionPaper(528, 256, 160, 320, 32, 128, 128)
        self.pool4 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.inception5a = InceptionPaper(832, 256, 160, 320, 32, 128, 128)
        self.inception5b = InceptionPaper(832, 384, 192, 384, 48, 128, 128)
        self.avgpool = nn.AvgPool2d(7, 1)
        self.dropout = nn.Dropout(0.4)
        self.fc = nn.Linear(1024, num_classes)
        self.aux1 = AuxPaper(512) if aux else None
        self.aux2 = AuxPaper(528) if aux else None

    def forward(self, x):
        x = self.inception3b(self.inception3a(self.stem(x)))
        x = self.inception4a(self.pool3(x))
        a1 = self.aux1(x) if self.aux1 is not None else None
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        a2 = self.aux2(x) if self.aux2 is not None else None
        x = self.inception5b(self.inception5a(self.pool4(self.inception4e(x))))
        return self.fc(self.dropout(torch.flatten(self.avgpool(x), 1))), a1, a2


class SE(nn.Module):
    """Hu et al. 2018: global pool, 1x1 conv C -> C/r + ReLU, 1x1 conv C/r -> C + sigmoid, channel-wise rescale."""

    def __init__(self, c, r=16):
        super().__init__()
        self.fc1 = nn.Conv2d(c, c // r, 1)
        self.fc2 = nn.Conv2d(c // r, c, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return x * torch.sigmoid(self.fc2(F.relu(self.fc1(s))))


class SEBottleneck(tvm.resnet.Bottleneck):
    """torchvision's v1.5 bottleneck (stride on the 3x3) with SE on the residual branch before the add."""

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1,
                 norm_layer=None):
        super().__init__(inplanes, planes, stride, downsample, groups, base_width, dilation, norm_layer)
        self.se = SE(planes * self.expansion, 16)

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.se(self.bn3(self.conv3(out)))
        return self.relu(out + identity)


def se_resnet50():
    return tvm.resnet.ResNet(SEBottleneck, [3, 4, 6, 3])


# ---------------------------------------------------------------- LeNet-5 as the brief gives it

class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool2(F.relu(self.conv2(self.pool1(F.relu(self.conv1(x))))))
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))))


# ---------------------------------------------------------------- He et al.'s CIFAR ResNet-20, 1x28x28 input,
# torchvision BasicBlocks (1x1 projection shortcuts where the width changes)

class ResNet20(nn.Module):
    def __init__(self, in_channels=1, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        blocks, cin = [], 16
        for i, width in enumerate([16, 32, 64]):
            layer = []
            for j in range(3):
                stride = 2 if i > 0 and j == 0 else 1
                down = None
                if stride != 1 or cin != width:
                    down = nn.Sequential(nn.Conv2d(cin, width, 1, stride, bias=False), nn.BatchNorm2d(width))
                layer.append(tvm.resnet.BasicBlock(cin, width, stride, down))
                cin = width
            blocks.append(nn.Sequential(*layer))
        self.layer1, self.layer2, self.layer3 = blocks
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.layer3(self.layer2(self.layer1(self.relu(self.bn1(self.conv1(x))))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


# ---------------------------------------------------------------- a small MobileNetV2 for 1x28x28 (Fashion-MNIST),
# built from torchvision's own InvertedResidual and Conv2dNormActivation

def mobilenet_v2_fmnist():
    from torchvision.ops.misc import Conv2dNormActivation
    layers, cin = [Conv2dNormActivation(1, 16, stride=1, activation_layer=nn.ReLU6)], 16
    for t, c, n, s in [[1, 8, 1, 1], [6, 16, 2, 2], [6, 24, 3, 2], [6, 32, 2, 1], [6, 64, 2, 2]]:
        for i in range(n):
            layers.append(tvm.mobilenetv2.InvertedResidual(cin, c, s if i == 0 else 1, t))
            cin = c
    layers.append(Conv2dNormActivation(cin, 256, kernel_size=1, activation_layer=nn.ReLU6))
    return nn.Sequential(nn.Sequential(*layers), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(256, 10))


# ---------------------------------------------------------------- counting

def count(model, input_shape, shape_modules=()):
    model.eval()
    macs = [0]
    calls = [0]
    shapes = {}

    def hook(module, inputs, output):
        calls[0] += 1
        if isinstance(module, nn.Conv2d):
            k = module.kernel_size[0] * module.kernel_size[1]
            macs[0] += output.numel() * (module.in_channels // module.groups) * k
        elif isinstance(module, nn.Linear):
            macs[0] += module.in_features * module.out_features

    named = dict(model.named_modules())
    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    for name in shape_modules:
        handles.append(named[name].register_forward_hook(
            lambda m, i, o, name=name: shapes.__setitem__(name, tuple(o.shape[1:]))))
    with torch.no_grad():
        model(torch.zeros(1, *input_shape))
    for h in handles:
        h.remove()
    params = sum(p.numel() for p in model.parameters())
    # Batch norm's running mean and variance (num_batches_tracked is bookkeeping, not a per-channel value).
    state = sum(b.numel() for n, b in model.named_buffers() if n.endswith(("running_mean", "running_var")))
    return params, state, macs[0], calls[0], shapes


PRESETS = [
    ("lenet5", LeNet5, (1, 32, 32), ["pool2", "fc1"]),
    ("alexnet", tvm.alexnet, (3, 224, 224), ["features.2", "features.12", "avgpool"]),
    ("alexnet-paper", AlexNetPaper, (3, 227, 227), ["features.0", "features.4", "features.7", "features.14"]),
    ("zfnet", ZFNet, (3, 224, 224), ["features.0", "features.2", "features.4", "features.6", "features.14"]),
    ("vgg11", tvm.vgg11, (3, 224, 224), ["features.20"]),
    ("vgg16", tvm.vgg16, (3, 224, 224), ["features.30"]),
    ("vgg19", tvm.vgg19, (3, 224, 224), ["features.36"]),
    ("googlenet", GoogLeNetPaper, (3, 224, 224),
     ["stem", "inception3a", "inception3a.b3", "inception3b", "inception4a", "inception4e", "inception5b", "avgpool"]),
    ("googlenet+aux", lambda: GoogLeNetPaper(aux=True), (3, 224, 224), ["aux1.pool", "aux1.fc2", "aux2.conv"]),
    ("resnet18", tvm.resnet18, (3, 224, 224), ["layer1", "layer2", "layer3", "layer4"]),
    ("resnet34", tvm.resnet34, (3, 224, 224), ["layer4"]),
    ("resnet50", tvm.resnet50, (3, 224, 224), ["maxpool", "layer1", "layer2", "layer3", "layer4", "layer3.0.downsample",
                                                  "layer1.0.conv1", "layer2.0.conv1", "layer2.0.conv2", "layer4.2.conv3"]),
    ("resnet101", tvm.resnet101, (3, 224, 224), ["layer3"]),
    ("resnet152", tvm.resnet152, (3, 224, 224), ["layer3"]),
    ("resnext50-32x4d", tvm.resnext50_32x4d, (3, 224, 224), ["layer1.0.conv2", "layer4"]),
    ("se-resnet50", se_resnet50, (3, 224, 224), ["layer2.0.se.fc1", "layer4"]),
    ("densenet121", tvm.densenet121, (3, 224, 224),
     ["features.pool0", "features.denseblock1", "features.transition1", "features.denseblock2",
      "features.transition2", "features.transition3", "features.denseblock4",
      "features.denseblock1.denselayer1.conv1", "features.denseblock3.denselayer24.conv2"]),
    ("resnet20", ResNet20, (1, 28, 28), ["layer1", "layer2", "layer3", "layer2.0.downsample"]),
    ("mobilenet_v2", tvm.mobilenet_v2, (3, 224, 224),
     ["features.1", "features.3", "features.4.conv.1", "features.6", "features.10", "features.16", "features.17",
      "features.18"]),
    ("squeezenet1_1", tvm.squeezenet1_1, (3, 224, 224),
     ["features.2", "features.3", "features.3.expand3x3", "features.5", "features.12", "classifier.3"]),
    ("shufflenet_v2_x1_0", tvm.shufflenet_v2_x1_0, (3, 224, 224),
     ["maxpool", "stage2", "stage2.0.branch1", "stage3", "stage4", "conv5"]),
    # aux_logits=False: the auxiliary classifier is off; init_weights=False skips the slow truncated-normal init.
    ("inception_v3", lambda: tvm.inception_v3(aux_logits=False, init_weights=False), (3, 299, 299),
     ["maxpool2", "Mixed_5b", "Mixed_5d", "Mixed_6a", "Mixed_6e", "Mixed_7a", "Mixed_7b.branch3x3_2a", "Mixed_7c"]),
    ("efficientnet_b0", tvm.efficientnet_b0, (3, 224, 224),
     ["features.0", "features.1", "features.2", "features.3", "features.4", "features.5", "features.6",
      "features.7", "features.8", "features.2.0.block.2.fc1"]),
    ("mobilenet_v3_large", tvm.mobilenet_v3_large, (3, 224, 224),
     ["features.0", "features.1", "features.3", "features.4", "features.6", "features.10", "features.12",
      "features.15", "features.16", "features.4.block.2.fc1", "classifier.0"]),
    ("mobilenet_v2-fmnist", mobilenet_v2_fmnist, (1, 28, 28),
     ["0.0", "0.1", "0.3", "0.6", "0.8", "0.10", "0.11", "1"]),
]


def main():
    torch.manual_seed(0)
    print(f"torch {torch.__version__}, torchvision {__import__('torchvision').__version__}")
    print(f"{'preset':18} {'params':>14} {'BN state':>10} {'MACs':>16} {'conv+linear':>12}")
    all_shapes = []
    only = sys.argv[1:]  # preset names to print, default all
    for name, make, shape, modules in [p for p in PRESETS if not only or p[0] in only]:
        params, state, macs, layers, shapes = count(make(), shape, modules)
        print(f"{name:18} {params:>14,} {state:>10,} {macs:>16,} {layers:>12}")
        all_shapes += [(name, m, shapes[m]) for m in modules]
    print()
    for name, module, s in all_shapes:
        print(f"{name:18} {module:40} {'x'.join(map(str, s))}")


if __name__ == "__main__":
    main()
