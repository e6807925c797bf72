package netcanvas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import netcanvas.data.DataException;
import netcanvas.data.Datasets;
import netcanvas.data.ImageData;
import netcanvas.train.Predictor;
import netcanvas.train.TrainingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run <checkpoint> <image>}: prints the top-5 classes of a trained network for an image. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a trained network (a --checkpoint folder of train) on an image and print the top classes.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<checkpoint>", description = "checkpoint folder, or a run folder: its best/ (else last/) is used, and said")
    Path checkpoint;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<image>", description = "PNG, JPEG, GIF or BMP file")
    Path image;

    @Option(names = "--data", paramLabel = "<fashion-mnist|synthetic|path>",
            description = "instead of an image, take a test sample of this dataset")
    String data;

    @Option(names = "--sample", defaultValue = "0", description = "index of the test sample with --data")
    int sample;

    @Option(names = "--top", defaultValue = "5", description = "how many classes to list (default: ${DEFAULT-VALUE})")
    int top;

    /** Runs this command alone (the app's Main registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new RunCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--top must be at least 1 (the number of classes to list), got " + top);
        }
        if ((image == null) == (data == null)) {
            err.println("give either an image file or --data with --sample");
            return 2;
        }
        try {
            Predictor p = Predictor.load(checkpoint);
            out.println(p.source());
            List<Predictor.Prediction> ranked;
            if (image != null) {
                Predictor.Fitted fitted = p.fit(image);
                out.println(fitted.adaptation());
                ranked = p.predict(fitted.image(), 0, top);
                out.println(image + ":");
            } else {
                var s = p.inputShape();
                ImageData test = Datasets.load(data, (int) s.channels(), (int) s.height(), (int) s.width(),
                        p.checkpoint().classes().size()).split().test();
                if (sample < 0 || sample >= test.size()) {
                    err.println("--sample must be between 0 and " + (test.size() - 1));
                    return 2;
                }
                ranked = p.predict(test, sample, top);
                out.println(test.name() + " sample " + sample + " (true class: "
                        + test.classes().get(test.labels()[sample]) + "):");
            }
            for (int i = 0; i < ranked.size(); i++) {
                out.printf(Locale.ROOT, "%d. %-20s %6.2f%%%n", i + 1, netcanvas.io.SafeText.of(ranked.get(i).label()),
                        100 * ranked.get(i).probability());
            }
            out.flush();
            return 0;
        } catch (TrainingException | DataException e) {
            err.println(e.getMessage());
            return ExitCodes.UNREADABLE; // a checkpoint, image or data set that cannot be used
        }
    }
}
