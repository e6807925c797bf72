package netcanvas.presets;

import netcanvas.graph.AdaptiveAvgPool;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.FireModule;
import netcanvas.graph.Flatten;
import netcanvas.graph.Hw;
import netcanvas.graph.LocalResponseNorm;
import netcanvas.graph.MaxPool2d;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;

/** The plain feed-forward classics: LeNet-5, the AlexNets, ZFNet and VGG. */
final class PlainNets {
    /** VGG configurations as torchvision's cfgs "A", "D" and "E": channels per conv, 0 for a 2x2 max pool. */
    static final int[] VGG11 = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};
    static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    static final int[] VGG19 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0,
            512, 512, 512, 512, 0};

    private PlainNets() {
    }

    /** LeNet-5 with ReLU and max pooling (the usual modern reading of LeCun et al., 1998): 1x32x32, 10 classes. */
    static Network lenet5() {
        return new NetBuilder("lenet5").input(1, 32, 32)
                .then("conv1", Conv2d.of(6, 5, 1, 0, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(2, 2, 0, false))
                .then("conv2", Conv2d.of(16, 5, 1, 0, true)).then("relu2", new ReLU())
                .then("pool2", MaxPool2d.of(2, 2, 0, false))
                .then("flatten", new Flatten())
                .then("fc1", new Dense(120, true)).then("relu3", new ReLU())
                .then("fc2", new Dense(84, true)).then("relu4", new ReLU())
                .then("fc3", new Dense(10, true)).then("output", new Output())
                .build();
    }

    /** torchvision's AlexNet (the single-GPU variant of "One weird trick", 64-192-384-256-256 channels). */
    static Network alexnet() {
        NetBuilder b = new NetBuilder("alexnet").input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 11, 4, 2, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(3, 2, 0, false))
                .then("conv2", Conv2d.of(192, 5, 1, 2, true)).then("relu2", new ReLU())
                .then("pool2", MaxPool2d.of(3, 2, 0, false))
                .then("conv3", Conv2d.of(384, 3, 1, 1, true)).then("relu3", new ReLU())
                .then("conv4", Conv2d.of(256, 3, 1, 1, true)).then("relu4", new ReLU())
                .then("conv5", Conv2d.of(256, 3, 1, 1, true)).then("relu5", new ReLU())
                .then("pool5", MaxPool2d.of(3, 2, 0, false))
                .then("avgpool", new AdaptiveAvgPool(Hw.of(6))).then("flatten", new Flatten())
                // torchvision puts the dropout before each of the first two dense layers.
                .then("drop6", new Dropout(0.5)).then("fc6", new Dense(4096, true)).then("relu6", new ReLU())
                .then("drop7", new Dropout(0.5)).then("fc7", new Dense(4096, true)).then("relu7", new ReLU());
        return b.then("fc8", new Dense(1000, true)).then("output", new Output()).build();
    }

    /**
     * Krizhevsky et al. (2012) as trained on two GPUs: conv2, conv4 and conv5 see only the kernel maps of their own
     * GPU, which is a convolution with 2 groups; conv3 and the dense layers connect across both. The input is
     * 227x227: the paper's 224x224 cannot give its stated 55x55 conv1 output with an 11x11/4 kernel and no padding
     * ((227 - 11) / 4 + 1 = 55). LRN (n 5, alpha 1e-4, beta 0.75, k 2) after conv1 and conv2's
     * ReLUs, each followed by overlapping 3x3/2 max pooling; dropout on fc6 and fc7.
     */
    static Network alexnetPaper() {
        NetBuilder b = new NetBuilder("alexnet-paper").input(3, 227, 227)
                .then("conv1", Conv2d.of(96, 11, 4, 0, true)).then("relu1", new ReLU()).then("norm1", lrn(2))
                .then("pool1", MaxPool2d.of(3, 2, 0, false))
                .then("conv2", Conv2d.of(256, 5, 1, 2, true).withGroups(2)).then("relu2", new ReLU())
                .then("norm2", lrn(2)).then("pool2", MaxPool2d.of(3, 2, 0, false))
                .then("conv3", Conv2d.of(384, 3, 1, 1, true)).then("relu3", new ReLU())
                .then("conv4", Conv2d.of(384, 3, 1, 1, true).withGroups(2)).then("relu4", new ReLU())
                .then("conv5", Conv2d.of(256, 3, 1, 1, true).withGroups(2)).then("relu5", new ReLU())
                .then("pool5", MaxPool2d.of(3, 2, 0, false)).then("flatten", new Flatten());
        return classifier(b).build();
    }

    /**
     * Zeiler and Fergus (2013), Fig. 3: 96 7x7/2 filters (padding 1 gives the paper's 110x110), ReLU, 3x3/2 max pool
     * rounding up (55x55), normalisation across maps; 256 5x5/2 filters (26x26), ReLU, pool (13x13), normalisation;
     * 384, 384 and 256 3x3 filters; pool to 6x6; dense 4096, 4096, 1000 with dropout. The paper does not give the
     * normalisation's constants; AlexNet's are used.
     */
    static Network zfnet() {
        NetBuilder b = new NetBuilder("zfnet").input(3, 224, 224)
                .then("conv1", Conv2d.of(96, 7, 2, 1, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(3, 2, 0, true)).then("norm1", lrn(2))
                .then("conv2", Conv2d.of(256, 5, 2, 0, true)).then("relu2", new ReLU())
                .then("pool2", MaxPool2d.of(3, 2, 0, true)).then("norm2", lrn(2))
                .then("conv3", Conv2d.of(384, 3, 1, 1, true)).then("relu3", new ReLU())
                .then("conv4", Conv2d.of(384, 3, 1, 1, true)).then("relu4", new ReLU())
                .then("conv5", Conv2d.of(256, 3, 1, 1, true)).then("relu5", new ReLU())
                .then("pool5", MaxPool2d.of(3, 2, 0, false)).then("flatten", new Flatten());
        return classifier(b).build();
    }

    /** torchvision's VGG without batch norm: 3x3 convs with padding 1, 2x2 max pools, a 7x7 adaptive pool. */
    static Network vgg(String name, int[] config) {
        NetBuilder b = new NetBuilder(name).input(3, 224, 224);
        int block = 1;
        int conv = 1;
        for (int channels : config) {
            if (channels == 0) {
                b.then("pool" + block, MaxPool2d.of(2, 2, 0, false));
                block++;
                conv = 1;
            } else {
                String suffix = block + "_" + conv++;
                b.then("conv" + suffix, Conv2d.of(channels, 3, 1, 1, true)).then("relu" + suffix, new ReLU());
            }
        }
        b.then("avgpool", new AdaptiveAvgPool(Hw.of(7))).then("flatten", new Flatten());
        return classifier(b).build();
    }

    /** fc6 and fc7 with ReLU then dropout (the paper's and VGG's order), fc8 to 1000 classes, the output. */
    private static NetBuilder classifier(NetBuilder b) {
        return b.then("fc6", new Dense(4096, true)).then("relu6", new ReLU()).then("drop6", new Dropout(0.5))
                .then("fc7", new Dense(4096, true)).then("relu7", new ReLU()).then("drop7", new Dropout(0.5))
                .then("fc8", new Dense(1000, true)).then("output", new Output());
    }

    /**
     * Size 5, alpha 1e-4, beta 0.75 as the papers and Caffe's reference models give them. PyTorch (and so this
     * kind) divides alpha by the size, as Caffe does; the 2012 paper's formula, read literally, would be alpha 5e-4.
     */
    static LocalResponseNorm lrn(double k) {
        return new LocalResponseNorm(5, 1e-4, 0.75, k);
    }

    /**
     * SqueezeNet 1.1 as torchvision's squeezenet1_1: a 3x3/2 convolution to 64 channels, ceil-mode 3x3/2 max pools
     * after it and after fire3 and fire5, eight Fire modules, and a classifier that is a convolution: dropout 0.5, a
     * 1x1 convolution to 1000 channels with ReLU, adaptive average pooling to 1x1, flattened.
     */
    static Network squeezenet11() {
        NetBuilder b = new NetBuilder("squeezenet1_1").input(3, 224, 224)
                .then("conv1", Conv2d.of(64, 3, 2, 0, true)).then("relu1", new ReLU())
                .then("pool1", MaxPool2d.of(3, 2, 0, true))
                .then("fire2", new FireModule(16, 64, 64)).then("fire3", new FireModule(16, 64, 64))
                .then("pool3", MaxPool2d.of(3, 2, 0, true))
                .then("fire4", new FireModule(32, 128, 128)).then("fire5", new FireModule(32, 128, 128))
                .then("pool5", MaxPool2d.of(3, 2, 0, true))
                .then("fire6", new FireModule(48, 192, 192)).then("fire7", new FireModule(48, 192, 192))
                .then("fire8", new FireModule(64, 256, 256)).then("fire9", new FireModule(64, 256, 256));
        return b.then("dropout", new Dropout(0.5)).then("conv10", Conv2d.of(1000, 1, 1, 0, true))
                .then("relu10", new ReLU()).then("avgpool", new AdaptiveAvgPool(Hw.of(1)))
                .then("flatten", new Flatten()).then("output", new Output()).build();
    }
}
