# PyTorch side of netcanvas.train.TrainBenchmark: trains the same network on random data with the same batch,
# optimizer and thread count, and prints "IMAGES_PER_SECOND <value>".
import sys, time
import torch
import torch.nn as nn

net_name, batch, warmup_seconds, iters, threads, width = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
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
    return nn.Sequential(*layers), (3, 32, 32)


def lenet5():
    return nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84),
                         nn.ReLU(), nn.Linear(84, 10)), (1, 32, 32)


model, shape = lenet5() if net_name == "lenet5" else resnet18(width)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
xs = [torch.randn(batch, *shape) for _ in range(4)]
ys = [torch.randint(0, 10, (batch,)) for _ in range(4)]


def step(i):
    opt.zero_grad()
    loss = loss_fn(model(xs[i % 4]), ys[i % 4])
    loss.backward()
    opt.step()


model.train()
# Warm-up for the same wall time as the Java side (at least 5 steps).
i = 0
start = time.perf_counter()
while i < 5 or time.perf_counter() - start < warmup_seconds:
    step(i)
    i += 1
t = time.perf_counter()
for i in range(iters):
    step(i)
print("IMAGES_PER_SECOND %.3f" % (iters * batch / (time.perf_counter() - t)))
