package netcanvas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import netcanvas.graph.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward values of the channel operations through the SameDiff lowering: an input whose every value names its
 * channel and position (100 * channel + 10 * row + column), so the expected outputs are read off by hand.
 */
class ChannelOpsValuesTest {

    /** The layer's output for a 6x2x3 input, as N x C x H x W values in order. */
    private static double[] run(LayerSpec layer, DataType type) throws Exception {
        Network net = new NetBuilder("channels").input(6, 2, 3).then("layer", layer)
                .then("fc", new Dense(2, true)).then("out", new Output()).build();
        CompiledNet cn = SameDiffCompiler.compile(net, Mode.INFER, type, 1);
        INDArray x = Nd4j.create(DataType.DOUBLE, 1, 6, 2, 3);
        for (int c = 0; c < 6; c++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 3; w++) {
                    x.putScalar(new long[] {0, c, h, w}, 100 * c + 10 * h + w);
                }
            }
        }
        INDArray y = cn.sd().output(Map.of(CompiledNet.INPUT, x.castTo(type)), "layer").get("layer");
        // Feature maps are N x H x W x C inside the compiled network.
        return y.permute(0, 3, 1, 2).dup().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    }

    /** The values of input channels in the given order: each channel's 2x3 plane. */
    private static double[] channels(int... order) {
        double[] v = new double[order.length * 6];
        int i = 0;
        for (int c : order) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 3; w++) {
                    v[i++] = 100 * c + 10 * h + w;
                }
            }
        }
        return v;
    }

    @Test
    void shuffleInterleavesTheGroups() throws Exception {
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            // 6 channels as 2 groups (0 1 2 | 3 4 5) transposed: 0 3 1 4 2 5 (torch.nn.ChannelShuffle(2))
            assertArrayEquals(channels(0, 3, 1, 4, 2, 5), run(new ChannelShuffle(2), t), 0, "groups 2, " + t);
            // as 3 groups (0 1 | 2 3 | 4 5): 0 2 4 1 3 5
            assertArrayEquals(channels(0, 2, 4, 1, 3, 5), run(new ChannelShuffle(3), t), 0, "groups 3, " + t);
            // one group, or as many groups as channels: unchanged
            assertArrayEquals(channels(0, 1, 2, 3, 4, 5), run(new ChannelShuffle(1), t), 0, "groups 1, " + t);
            assertArrayEquals(channels(0, 1, 2, 3, 4, 5), run(new ChannelShuffle(6), t), 0, "groups 6, " + t);
        }
    }

    @Test
    void sliceKeepsARunOfChannels() throws Exception {
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            assertArrayEquals(channels(0, 1, 2), run(new ChannelSlice(0, 3), t), 0, "first half, " + t);
            assertArrayEquals(channels(3, 4, 5), run(new ChannelSlice(3, 3), t), 0, "second half, " + t);
            assertArrayEquals(channels(2), run(new ChannelSlice(2, 1), t), 0, "channel 2, " + t);
        }
    }
}
