# ---- Checking, data and training: the same in every file NetCanvas exports. ----


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())


def layer_summary(model=None):
    """Every layer's output shape for one zero sample of the designed input, keyed by NetCanvas id.

    Collected with forward hooks on the modules, so the shapes are PyTorch's own; NetCanvas's summary shows the
    same table from its analysis."""
    model = build_model() if model is None else model
    model.eval()
    ids = {path: node for node, path in MODULE_PATHS.items()}
    shapes = {INPUT_ID: list(INPUT_SHAPE)}
    hooks = []
    for path, module in model.named_modules():
        if path:
            def record(module, inputs, output, node=ids.get(path, path)):
                shapes[node] = list(output.shape[1:])
            hooks.append(module.register_forward_hook(record))
    with torch.no_grad():
        out = model(torch.zeros(1, *INPUT_SHAPE))
    for hook in hooks:
        hook.remove()
    outputs = out if isinstance(out, tuple) else (out,)
    state = sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
    return {"network": NETWORK_NAME, "params": count_parameters(model), "state": state,
            "outputs": [list(o.shape[1:]) for o in outputs], "layers": shapes}


def read_weights(path):
    """The tensors of a NetCanvas weights file, by state-dict name.

    Format (little-endian, no padding): b"NCWEIGHT", uint32 version (1), uint32 count, then per tensor: uint32 name
    length, the UTF-8 name, uint32 rank, rank x int64 dims, product(dims) x float32 values in row-major order."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"NCWEIGHT":
        raise ValueError("%s is not a NetCanvas weights file (it does not start with NCWEIGHT)" % path)
    tensors = {}
    try:
        version, count = struct.unpack_from("<II", data, 8)
        if version != 1:
            raise ValueError("%s: weights format version %d; this file reads version 1" % (path, version))
        offset = 16
        for _ in range(count):
            (length,) = struct.unpack_from("<I", data, offset)
            name = data[offset + 4:offset + 4 + length].decode("utf-8")
            offset += 4 + length
            (rank,) = struct.unpack_from("<I", data, offset)
            dims = struct.unpack_from("<%dq" % rank, data, offset + 4)
            offset += 4 + 8 * rank
            size = 1
            for d in dims:
                size *= d
            if min(dims, default=1) < 0 or offset + 4 * size > len(data):
                raise ValueError("%s: tensor %s %s runs past the end of the file" % (path, name, list(dims)))
            values = array.array("f")
            values.frombytes(data[offset:offset + 4 * size])
            if sys.byteorder == "big":
                values.byteswap()
            offset += 4 * size
            flat = torch.frombuffer(values, dtype=torch.float32).clone() if size else torch.zeros(0)
            tensors[name] = flat.reshape(dims)
    except struct.error:
        raise ValueError("%s: the file ends inside tensor %d" % (path, len(tensors)))
    if offset != len(data):
        raise ValueError("%s: %d bytes after the last tensor" % (path, len(data) - offset))
    return tensors


def weights_path():
    """The weights file exported beside this script, or None when it was exported without weights."""
    if WEIGHTS_FILE is None:
        return None
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), WEIGHTS_FILE)


def load(path=None):
    """The network in eval mode, with the weights in path (None: the file exported beside this script, WEIGHTS_FILE).

    Exported without weights and given no path, the network is freshly initialised. The weights are loaded with
    load_state_dict(strict=True): every parameter and batch-norm running statistic must be in the file, under the
    module's own state-dict names. The one key the file does not hold, batch norm's num_batches_tracked, keeps the
    fresh module's value: with the momentum NetCanvas always sets, PyTorch never reads it."""
    model = build_model()
    path = weights_path() if path is None else path
    if path is not None:
        state = read_weights(path)
        for name, value in model.state_dict().items():
            if name.endswith("num_batches_tracked") and name not in state:
                state[name] = value
        model.load_state_dict(state, strict=True)
    model.eval()
    return model


def read_idx(path):
    """An IDX file (as Fashion-MNIST ships, optionally gzipped) as a uint8 tensor."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def find_file(directory, names):
    for name in names:
        for candidate in (name, name + ".gz"):
            path = os.path.join(directory, candidate)
            if os.path.exists(path):
                return path
    return None


def load_fashion_mnist(directory):
    sets = []
    for prefix in ("train", "t10k"):
        images = find_file(directory, [prefix + "-images-idx3-ubyte", prefix + "-images.idx3-ubyte"])
        labels = find_file(directory, [prefix + "-labels-idx1-ubyte", prefix + "-labels.idx1-ubyte"])
        if images is None or labels is None:
            return None
        sets.append(TensorDataset(read_idx(images).unsqueeze(1), read_idx(labels).long()))
    return sets


def load_cifar10(directory):
    """CIFAR-10 in its Python (pickled) or binary version."""
    for sub in ("", "cifar-10-batches-py", "cifar-10-batches-bin"):
        root = os.path.join(directory, sub)
        if os.path.exists(os.path.join(root, "data_batch_1")):
            def load(names):
                images, labels = [], []
                for name in names:
                    with open(os.path.join(root, name), "rb") as f:
                        batch = pickle.load(f, encoding="bytes")
                    images.append(torch.tensor(list(batch[b"data"]), dtype=torch.uint8).reshape(-1, 3, 32, 32))
                    labels.append(torch.tensor(batch[b"labels"], dtype=torch.long))
                return TensorDataset(torch.cat(images), torch.cat(labels))
        elif os.path.exists(os.path.join(root, "data_batch_1.bin")):
            def load(names):
                images, labels = [], []
                for name in names:
                    with open(os.path.join(root, name + ".bin"), "rb") as f:
                        records = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).reshape(-1, 3073)
                    images.append(records[:, 1:].reshape(-1, 3, 32, 32).clone())
                    labels.append(records[:, 0].long())
                return TensorDataset(torch.cat(images), torch.cat(labels))
        else:
            continue
        return [load(["data_batch_%d" % i for i in range(1, 6)]), load(["test_batch"])]
    return None


class SyntheticImages(Dataset):
    """Learnable stand-in data: each class is a fixed coarse pattern, each sample that pattern plus noise."""

    def __init__(self, size, classes, seed):
        self.size, self.classes, self.seed = size, classes, seed

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        label = index % self.classes
        c, h, w = INPUT_SHAPE
        pattern = torch.rand(c, 4, 4, generator=torch.Generator().manual_seed(label))
        pattern = F.interpolate(pattern.unsqueeze(0), size=(h, w), mode="nearest").squeeze(0)
        noise = torch.rand(c, h, w, generator=torch.Generator().manual_seed(self.seed * 1000003 + index))
        return ((0.7 * pattern + 0.3 * noise) * 255).to(torch.uint8), label


def load_data(spec):
    """(training set, test set) of (uint8 image C x H x W, label) pairs."""
    if spec == "synthetic":
        classes = min(NUM_CLASSES, 10)
        return SyntheticImages(2048, classes, 1), SyntheticImages(512, classes, 2)
    if not os.path.isdir(spec):
        sys.exit("--train: '%s' is not a directory; give a Fashion-MNIST IDX directory, a CIFAR-10 directory "
                 "or 'synthetic'" % spec)
    sets = load_fashion_mnist(spec) or load_cifar10(spec)
    if sets is None:
        sys.exit("--train: '%s' holds neither Fashion-MNIST IDX files (train-images-idx3-ubyte.gz ...) nor "
                 "CIFAR-10 batches (data_batch_1 ...)" % spec)
    return sets


def fit_to_input(images):
    """A uint8 batch N x C x H x W as floats in [0, 1], its channels and size adapted to the designed input."""
    x = images.float() / 255.0
    c, h, w = INPUT_SHAPE
    if x.shape[1] != c:
        x = x.mean(dim=1, keepdim=True).repeat(1, c, 1, 1)
    if tuple(x.shape[2:]) != (h, w):
        x = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)
    return x


def make_optimizer(name, parameters, lr):
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(parameters, lr=lr, momentum=0.9)
    if name == "adam":
        return torch.optim.Adam(parameters, lr=lr)
    if name == "adamw":
        return torch.optim.AdamW(parameters, lr=lr)
    sys.exit("unknown optimizer '%s': use sgd, momentum, adam or adamw" % name)


def make_schedule(name, optimizer, epochs):
    if name == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=max(1, epochs // 3), gamma=0.1)
    if name == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    if name == "constant":
        return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 1.0)
    sys.exit("unknown schedule '%s': use step, cosine or constant" % name)


def logits_of(output):
    return output[0] if isinstance(output, tuple) else output


def score(net, loader, device):
    """(correct, samples) of the network in eval mode over a loader."""
    counts = torch.zeros(2, device=device)
    with torch.no_grad():
        for images, labels in loader:
            x, y = fit_to_input(images.to(device)), labels.to(device)
            counts += torch.stack([(logits_of(net(x)).argmax(1) == y).sum().float(),
                                   torch.tensor(float(len(y)), device=device)])
    return counts


def train(args):
    if NUM_CLASSES is None:
        sys.exit("--train: the network has no Output layer to train against; add one in NetCanvas")
    distributed = "LOCAL_RANK" in os.environ
    rank, world = 0, 1
    if distributed:
        local_rank = int(os.environ["LOCAL_RANK"])
        if torch.cuda.is_available():
            torch.cuda.set_device(local_rank)
            device = torch.device("cuda", local_rank)
        else:
            device = torch.device("cpu")
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)
    train_set, test_set = load_data(args.train)
    if args.limit:
        train_set = torch.utils.data.Subset(train_set, range(min(args.limit, len(train_set))))
        test_set = torch.utils.data.Subset(test_set, range(min(args.limit, len(test_set))))
    # As NetCanvas's train --validation: a seeded random share of the training images is held out and scored after
    # each epoch (not trained on).
    held = round(len(train_set) * args.validation)
    validation_set = None
    if held > 0:
        order = torch.randperm(len(train_set), generator=torch.Generator().manual_seed(args.seed)).tolist()
        validation_set = torch.utils.data.Subset(train_set, order[:held])
        train_set = torch.utils.data.Subset(train_set, order[held:])
    start = None if args.fresh else weights_path()
    model = (build_model() if start is None else load(start)).to(device)
    net = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None) \
        if distributed else model
    train_sampler = DistributedSampler(train_set, shuffle=True, seed=args.seed) if distributed else None
    test_sampler = DistributedSampler(test_set, shuffle=False) if distributed else None
    # Full batches only: batch norm cannot normalise a batch of one sample.
    train_loader = DataLoader(train_set, batch_size=args.batch, shuffle=train_sampler is None,
                              sampler=train_sampler, drop_last=len(train_set) // world >= args.batch,
                              pin_memory=device.type == "cuda")
    test_loader = DataLoader(test_set, batch_size=args.batch, sampler=test_sampler)
    validation_loader = None if validation_set is None else DataLoader(
        validation_set, batch_size=args.batch,
        sampler=DistributedSampler(validation_set, shuffle=False) if distributed else None)
    optimizer = make_optimizer(args.optimizer, net.parameters(), args.lr)
    schedule = make_schedule(args.schedule, optimizer, args.epochs)
    loss_fn = nn.CrossEntropyLoss()
    if rank == 0:
        print("training %s (%s parameters) on %s%s: %s, lr %g, %s schedule, batch %d, %d epochs"
              % (NETWORK_NAME, format(count_parameters(model), ","), device,
                 " x %d processes" % world if distributed else "", args.optimizer, args.lr, args.schedule,
                 args.batch, args.epochs), flush=True)
        print("%s training, %s validation, %s test images"
              % (format(len(train_set), ","), format(held, ","), format(len(test_set), ",")), flush=True)
        print("starting from " + ("new random weights (seed %d)" % args.seed if start is None
                                  else "the weights in " + start), flush=True)
    for epoch in range(args.epochs):
        if train_sampler is not None:
            train_sampler.set_epoch(epoch)
        net.train()
        totals = torch.zeros(3, device=device)  # loss sum, correct, samples
        for images, labels in train_loader:
            x, y = fit_to_input(images.to(device)), labels.to(device)
            scores = logits_of(net(x))
            loss = loss_fn(scores, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            totals += torch.stack([loss.detach() * len(y), (scores.argmax(1) == y).sum().float(),
                                   torch.tensor(float(len(y)), device=device)])
        schedule.step()
        net.eval()
        tested = score(net, test_loader, device)
        validated = None if validation_loader is None else score(net, validation_loader, device)
        if distributed:
            dist.all_reduce(totals)
            for counts in (tested, validated):
                if counts is not None:
                    dist.all_reduce(counts)
        if rank == 0:
            print("epoch %d/%d: loss %.4f, train accuracy %.4f, test accuracy %.4f%s"
                  % (epoch + 1, args.epochs, totals[0] / max(totals[2], 1), totals[1] / max(totals[2], 1),
                     tested[0] / max(tested[1], 1), "" if validated is None
                     else ", validation accuracy %.4f" % (validated[0] / max(validated[1], 1))), flush=True)
    if args.save and rank == 0:
        torch.save(model.state_dict(), args.save)
        print("saved the weights to " + args.save)
    if distributed:
        dist.destroy_process_group()


def main(argv=None):
    parser = argparse.ArgumentParser(description="The NetCanvas design '%s' in PyTorch." % NETWORK_NAME)
    parser.add_argument("--summary-json", action="store_true",
                        help="print every layer's output shape (forward hooks, zero input) and the parameter count")
    parser.add_argument("--train", metavar="DATA",
                        help="train on a Fashion-MNIST IDX directory, a CIFAR-10 directory or 'synthetic'; "
                             "starts from the weights exported beside this file when they are there (%s), else from "
                             "new random weights" % (WEIGHTS_FILE or "none were exported").replace("%", "%%"))
    parser.add_argument("--fresh", action="store_true",
                        help="with --train: start from new random weights even when the exported weights are there")
    parser.add_argument("--optimizer", default=RECIPE["optimizer"], choices=["sgd", "momentum", "adam", "adamw"])
    parser.add_argument("--lr", type=float, default=RECIPE["lr"])
    parser.add_argument("--schedule", default=RECIPE["schedule"], choices=["step", "cosine", "constant"])
    parser.add_argument("--batch", type=int, default=RECIPE["batch"])
    parser.add_argument("--epochs", type=int, default=RECIPE["epochs"])
    parser.add_argument("--limit", type=int, default=0, help="use only this many samples of each set")
    parser.add_argument("--validation", type=float, default=0.0, metavar="SHARE",
                        help="hold out this share of the training images (0 to below 1; NetCanvas's train holds out "
                             "0.1 by default) and print their accuracy after each epoch")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", metavar="FILE", help="save the trained weights (state_dict) here")
    args = parser.parse_args(argv)
    if not 0 <= args.validation < 1:
        parser.error("--validation must be at least 0 and below 1, got %g" % args.validation)
    if args.summary_json:
        print(json.dumps(layer_summary()))
    elif args.train:
        train(args)
    else:
        model = load()
        with torch.no_grad():
            out = model(torch.zeros(1, *INPUT_SHAPE))
        print("%s: %s parameters" % (NETWORK_NAME, format(count_parameters(model), ",")))
        if WEIGHTS_FILE is not None:
            print("weights: %s" % weights_path())
        for o in out if isinstance(out, tuple) else (out,):
            print("output shape: %s" % (tuple(o.shape),))


if __name__ == "__main__":
    main()
