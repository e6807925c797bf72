# PyTorch side of netcanvas.train.TrainBenchmark and InferenceBenchmark: runs the same network on random data with
# the same batch, optimizer and thread count, and prints "IMAGES_PER_SECOND <value>".
#
#   bench_torch.py NET BATCH WARMUP_SECONDS ITERS THREADS WIDTH [infer]
#
# NET is "lenet5" or "resnet18" (written out below, as the benchmark's first two rows always were), or the path of a
# NetCanvas PyTorch export (a .py file) of the very network the Java side runs. With "infer" it times eval-mode
# forward passes under torch.no_grad() instead of training steps.
import importlib.util, sys, time
import torch
import torch.nn as nn

net_name, batch, warmup_seconds, iters, threads, width = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
infer = len(sys.argv) > 7 and sys.argv[7] == "infer"
torch.set_num_threads(threads)
torch.manual_seed(0)


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.down is None else self.down(x)))


def resnet18(w):
    layers = [nn.Conv2d(3, w, 3, 1, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU()]
    cin = w
    for i, cout in enumerate([w, 2 * w, 4 * w, 8 * w]):
        for j in range(2):
            layers.append(Basic(cin, cout, 2 if (i > 0 and j == 0) else 1))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 10)]
    return nn.Sequential(*layers), (3, 32, 32), 10


def lenet5():
    return nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84),
                         nn.ReLU(), nn.Linear(84, 10)), (1, 32, 32), 10


def exported(path):
    spec = importlib.util.spec_from_file_location("netcanvas_bench_net", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load(), tuple(module.INPUT_SHAPE), module.NUM_CLASSES


if net_name.endswith(".py"):
    model, shape, classes = exported(net_name)
else:
    model, shape, classes = lenet5() if net_name == "lenet5" else resnet18(width)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
xs = [torch.randn(batch, *shape) for _ in range(4)]
ys = [torch.randint(0, classes, (batch,)) for _ in range(4)]


def step(i):
    opt.zero_grad()
    loss = loss_fn(model(xs[i % 4]), ys[i % 4])
    loss.backward()
    opt.step()


def forward(i):
    model(xs[i % 4])


run = forward if infer else step
if infer:
    model.eval()
    torch.set_grad_enabled(False)
else:
    model.train()
# Warm-up for the same wall time as the Java side (at least 5 steps, 2 forward passes).
i = 0
start = time.perf_counter()
while i < (2 if infer else 5) or time.perf_counter() - start < warmup_seconds:
    run(i)
    i += 1
t = time.perf_counter()
for i in range(iters):
    run(i)
print("IMAGES_PER_SECOND %.3f" % (iters * batch / (time.perf_counter() - t)))
