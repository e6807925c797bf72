package netcanvas.train;

import netcanvas.graph.BatchNorm;
import netcanvas.graph.Conv2d;
import netcanvas.graph.Dense;
import netcanvas.graph.Dropout;
import netcanvas.graph.FireModule;
import netcanvas.graph.GlobalAvgPool;
import netcanvas.graph.InvertedResidual;
import netcanvas.graph.NetBuilder;
import netcanvas.graph.Network;
import netcanvas.graph.Output;
import netcanvas.graph.ReLU;

/** Networks the inference tests share (the ForwardPass against SameDiff's session, and against PyTorch). */
public final class InferenceTestNets {
    private InferenceTestNets() {
    }

    /**
     * Batch norm after a plain (stem), a depthwise (dw) and a grouped (grouped) convolution and after a dense layer
     * (fc1), an inverted residual with squeeze-and-excitation (its expansion, depthwise and projection convolutions
     * each followed by batch norm), a Fire module (a concat) and dropout, on 3x12x12, 5 classes.
     */
    public static Network mixed() {
        return new NetBuilder("mixed").input(3, 12, 12)
                .then("stem", Conv2d.of(16, 3, 1, 1, false)).then("stem_bn", BatchNorm.standard())
                .then("stem_relu", new ReLU())
                .then("dw", Conv2d.of(16, 3, 1, 1, false).withGroups(16)).then("dw_bn", BatchNorm.standard())
                .then("grouped", Conv2d.of(16, 3, 2, 1, false).withGroups(4)).then("grouped_bn", BatchNorm.standard())
                .then("ir", new InvertedResidual(4, 16, 1, 3, 4, "relu6"))
                .then("fire", new FireModule(4, 8, 8))
                .then("gap", new GlobalAvgPool()).then("drop", new Dropout(0.3))
                .then("fc1", new Dense(12, false)).then("fc1_bn", BatchNorm.standard())
                .then("fc", new Dense(5, true)).then("out", new Output()).build();
    }
}
