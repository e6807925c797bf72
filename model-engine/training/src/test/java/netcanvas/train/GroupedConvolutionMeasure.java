package netcanvas.train;

import java.util.List;
import java.util.Locale;
import netcanvas.graph.*;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** Temporary: old and new grouped lowering, alternating rounds, training-step time and planned bytes. */
public final class GroupedConvolutionMeasure {
    public static void main(String[] args) throws Exception {
        int channels = Integer.parseInt(args[0]);
        int groups = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int steps = Integer.parseInt(args[5]);
        Network net = new NetBuilder("g").input(channels, size, size)
                .then("c", new Conv2d(channels, Hw.of(3), Hw.of(1), Padding.of(1), Hw.of(1), groups, false))
                .then("pool", new GlobalAvgPool()).then("flatten", new Flatten()).then("fc", new Dense(10, true))
                .then("out", new Output()).build();
        Network base = new NetBuilder("base").input(channels, size, size)
                .then("pool", new GlobalAvgPool()).then("flatten", new Flatten()).then("fc", new Dense(10, true))
                .then("out", new Output()).build();
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, channels, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 10, 1);
        }
        String[] names = {"per-group", "im2col+batched mmul", "no conv"};
        TrainingStep[] st = new TrainingStep[3];
        for (int v = 0; v < 3; v++) {
            SameDiffCompiler.GROUPED_PER_GROUP = v == 0;
            long t0 = System.nanoTime();
            CompiledNet c = SameDiffCompiler.compile(v == 2 ? base : net, Mode.TRAIN, DataType.FLOAT, 1);
            st[v] = new TrainingStep(c, new TrainingConfig.Builder().updater(new Sgd(1e-3))
                    .dataSetFeatureMapping(CompiledNet.INPUT).dataSetLabelMapping(CompiledNet.LABEL).build(),
                    List.of(), 0, 0);
            st[v].run(x, y);
            System.out.printf(Locale.ROOT, "%s: %d ops in the gradient graph, planned %.1f MB, compile+plan %.1f s%n",
                    names[v], c.sd().getFunction("grad").getOps().size(), st[v].plannedBytes() / 1e6,
                    (System.nanoTime() - t0) / 1e9);
        }
        if (args.length > 6) {
            int v = Integer.parseInt(args[6]);
            st[v].profile(x, y, steps).entrySet().stream().limit(14)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %8.2f ms%n", e.getKey(), e.getValue()));
            return;
        }
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            for (int v = 0; v < 3; v++) {
                long t = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    st[v].run(x, y);
                }
                line.append(String.format(Locale.ROOT, "  %s %.1f ms", names[v], (System.nanoTime() - t) / 1e6 / steps));
            }
            System.out.println(line);
        }
    }
}
