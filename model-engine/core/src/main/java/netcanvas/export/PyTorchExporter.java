package netcanvas.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netcanvas.analysis.Analysis;
import netcanvas.analysis.Analyzer;
import netcanvas.analysis.Diagnostic;
import netcanvas.analysis.Row;
import netcanvas.export.ModuleTree.BlockClass;
import netcanvas.export.ModuleTree.Body;
import netcanvas.graph.Input;
import netcanvas.graph.LayerKind;
import netcanvas.graph.LayerKinds;
import netcanvas.graph.Network;
import netcanvas.graph.Node;
import netcanvas.graph.Output;
import netcanvas.graph.Shape;

/**
 * Writes a network as one self-contained Python file: an nn.Module mirroring the graph (a class per distinct block
 * configuration, an nn.Sequential per Stage, attributes named after node ids), and a main part that prints the
 * parameter count and output shape, prints every layer's shape as JSON (--summary-json), or trains the network
 * (--train DATA) with the chosen recipe on a GPU when present and with DistributedDataParallel under torchrun.
 * The text is a pure function of the network and the recipe, so re-exporting gives identical bytes.
 */
public final class PyTorchExporter {

    private static final String RUNTIME = "/netcanvas/export/pytorch_runtime.py";

    private PyTorchExporter() {
    }

    /** The Python file for a network, named after it in the usage notes. */
    public static String export(Network network, ExportRecipe recipe) throws ExportException {
        return export(Analyzer.analyze(network), recipe, PyText.identifier(network.name()) + ".py");
    }

    /**
     * The Python file for an analysed network.
     *
     * @param scriptName the file name the usage notes show
     * @throws ExportException listing the analysis's errors, when it has any
     */
    public static String export(Analysis analysis, ExportRecipe recipe, String scriptName) throws ExportException {
        return export(analysis, recipe, scriptName, null);
    }

    /**
     * The Python file for an analysed network whose weights are written beside it (see {@link TorchWeightsFile}):
     * its {@code load()} reads them from {@code weightsFile}, a file name resolved against the script's own folder.
     *
     * @param weightsFile the weights file's name (no folder), or null when the export has none: {@code load()} then
     *                    returns a freshly initialised network
     * @throws ExportException listing the analysis's errors, when it has any
     */
    public static String export(Analysis analysis, ExportRecipe recipe, String scriptName, String weightsFile)
            throws ExportException {
        Built b = build(analysis);
        return new Writer(analysis, recipe, scriptName, weightsFile, b.input, b.tree, b.model).write();
    }

    /** The analysed network's modules: what the file declares and where each layer's module sits. */
    record Built(Node input, ModuleTree tree, Body model) {
    }

    static Built build(Analysis analysis) throws ExportException {
        Network network = analysis.network();
        List<Diagnostic> errors = new ArrayList<>();
        for (Diagnostic d : analysis.diagnostics()) {
            if (d.isError()) {
                errors.add(d);
            }
        }
        if (!errors.isEmpty()) {
            throw new ExportException(network.name(), errors);
        }
        List<Node> order = new ArrayList<>();
        for (Row r : analysis.rows()) {
            order.add(network.node(r.id()));
        }
        Node input = null;
        for (Node n : order) {
            if (n.spec() instanceof Input) {
                input = n;
            }
        }
        ModuleTree tree = new ModuleTree(analysis);
        Body model = tree.model(order, input.id(), returned(order, input.id()));
        return new Built(input, tree, model);
    }

    /** The Output nodes, or where there is none, every layer whose result nobody uses. */
    private static List<String> returned(List<Node> order, String inputId) {
        List<String> outputs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Node n : order) {
            used.addAll(n.inputs());
            if (n.spec() instanceof Output) {
                outputs.add(n.id());
            }
        }
        if (outputs.isEmpty()) {
            for (Node n : order) {
                if (!used.contains(n.id()) && !(n.spec() instanceof Input)) {
                    outputs.add(n.id());
                }
            }
        }
        return outputs.isEmpty() ? List.of(inputId) : outputs;
    }

    /** Assembles the file. */
    private static final class Writer {
        private final Analysis analysis;
        private final ExportRecipe recipe;
        private final String scriptName;
        private final String weightsFile;
        private final Node input;
        private final ModuleTree tree;
        private final Body model;
        private final StringBuilder out = new StringBuilder();

        Writer(Analysis analysis, ExportRecipe recipe, String scriptName, String weightsFile, Node input,
                ModuleTree tree, Body model) {
            this.analysis = analysis;
            this.recipe = recipe;
            this.scriptName = scriptName;
            this.weightsFile = weightsFile;
            this.input = input;
            this.tree = tree;
            this.model = model;
        }

        String write() {
            Network network = analysis.network();
            String modelClass = modelClassName(network.name());
            header(network);
            line("import argparse");
            line("import array");
            line("import gzip");
            line("import json");
            line("import os");
            line("import pickle");
            line("import struct");
            line("import sys");
            line("");
            line("import torch");
            line("import torch.distributed as dist");
            line("import torch.nn as nn");
            line("import torch.nn.functional as F");
            line("from torch.nn.parallel import DistributedDataParallel");
            line("from torch.utils.data import DataLoader, Dataset, DistributedSampler, TensorDataset");
            line("");
            constants(network);
            for (String h : Helpers.ALL) {
                if (tree.helpersUsed.contains(h)) {
                    line("");
                    line("");
                    out.append(Helpers.source(h));
                }
            }
            for (BlockClass c : tree.classes) {
                line("");
                line("");
                blockClass(c);
            }
            line("");
            line("");
            modelClass(modelClass, network);
            line("");
            line("");
            line("def build_model():");
            line("    return " + modelClass + "()");
            line("");
            line("");
            out.append(runtime());
            return out.toString();
        }

        private void header(Network network) {
            String name = network.name();
            Shape in = input.spec() instanceof Input i ? i.shape() : null;
            line("\"\"\"" + docText(name) + ": a network designed in NetCanvas, exported as PyTorch code.");
            line("");
            line("Input " + in.channels() + " x " + in.height() + " x " + in.width() + "; "
                    + netcanvas.report.Units.countTotal(analysis.totals().trainableParams()) + " parameters; "
                    + netcanvas.report.Units.countTotal(analysis.totals().macs())
                    + " multiply-accumulates per sample.");
            line("");
            line("    python3 " + scriptName + "                   # parameter count and output shape");
            line("    python3 " + scriptName + " --summary-json    # every layer's output shape, by NetCanvas id");
            line("    python3 " + scriptName + " --train DATA      # DATA: Fashion-MNIST IDX dir, CIFAR-10 dir or"
                    + " synthetic");
            if (weightsFile != null) {
                line("");
                line("Trained weights: " + docText(weightsFile) + " beside this file; load() returns the network with"
                        + " them, in eval mode,");
                line("and --train fine-tunes from them (--fresh: from new random weights):");
            } else {
                line("");
                line("Exported without weights: load() returns a freshly initialised network, in eval mode:");
            }
            line("");
            String module = PyText.identifier(scriptName.endsWith(".py")
                    ? scriptName.substring(0, scriptName.length() - 3) : scriptName);
            line("    import " + module + "; model = " + module + ".load()");
            line("    torchrun --nproc_per_node=GPUS " + scriptName + " --train DATA   # DistributedDataParallel");
            line("\"\"\"");
            line("");
        }

        private void constants(Network network) {
            Shape in = ((Input) input.spec()).shape();
            Shape logits = null;
            for (String o : model.outputs()) {
                if (network.node(o) != null && network.node(o).spec() instanceof Output) {
                    logits = analysis.shapeOf(o);
                    break;
                }
            }
            line("NETWORK_NAME = " + PyText.string(network.name()));
            line("# The trained weights beside this file (NetCanvas weights format, see read_weights), or None.");
            line("WEIGHTS_FILE = " + (weightsFile == null ? "None" : PyText.string(weightsFile)));
            line("INPUT_ID = " + PyText.string(input.id()));
            line("INPUT_SHAPE = (" + in.channels() + ", " + in.height() + ", " + in.width() + ")");
            line("# Scores per sample of the Output layer; training applies softmax cross-entropy to them.");
            line("NUM_CLASSES = " + (logits == null ? "None" : Long.toString(logits.channels())));
            line("RECIPE = {\"optimizer\": " + PyText.string(recipe.optimizer().spelling()) + ", \"lr\": "
                    + PyText.number(recipe.lr()) + ", \"schedule\": " + PyText.string(recipe.schedule().spelling())
                    + ", \"batch\": " + recipe.batch() + ", \"epochs\": " + recipe.epochs() + "}");
            line("# NetCanvas ids whose module path differs (characters Python names cannot hold); all others are equal.");
            StringBuilder paths = new StringBuilder("MODULE_PATHS = {");
            boolean first = true;
            for (Map.Entry<String, String> e : tree.paths.entrySet()) {
                if (!e.getKey().equals(e.getValue())) {
                    paths.append(first ? "\n" : ",\n").append("    ").append(PyText.string(e.getKey())).append(": ")
                            .append(PyText.string(e.getValue()));
                    first = false;
                }
            }
            line(paths.append(first ? "}" : ",\n}").toString());
        }

        private void blockClass(BlockClass c) {
            ModuleTree.Instance first = c.instances.get(0);
            List<String> params = new ArrayList<>(List.of("self"));
            params.addAll(c.params);
            line("class " + c.name + "(nn.Module):");
            LayerKind kind = LayerKinds.named(c.kind);
            line("    \"\"\"" + docText("NetCanvas " + kind.title() + ": " + kind.formula()) + ".\"\"\"");
            line("");
            line("    def __init__(" + String.join(", ", params) + "):");
            line("        super().__init__()");
            for (String l : ClassSource.initLines(first.body, c.slotParam::get, false)) {
                line("        " + l);
            }
            line("");
            List<String> vars = ModuleTree.inputVars(first.body);
            line("    def forward(self, " + String.join(", ", vars) + "):");
            for (String l : ClassSource.forwardLines(first.body, vars)) {
                line("        " + l);
            }
        }

        private void modelClass(String name, Network network) {
            line("class " + name + "(nn.Module):");
            line("    \"\"\"NetCanvas design " + docText(PyText.string(network.name()))
                    + "; forward() returns the Output layer's scores (logits).\"\"\"");
            line("");
            line("    def __init__(self):");
            line("        super().__init__()");
            for (String l : ClassSource.initLines(model, n -> null, false)) {
                line("        " + l);
            }
            line("");
            line("    def forward(self, x):");
            for (String l : ClassSource.forwardLines(model, List.of("x"))) {
                line("        " + l);
            }
        }

        /** The model's class name; never one of the generated classes' names. */
        private String modelClassName(String networkName) {
            Set<String> taken = new HashSet<>(Helpers.ALL);
            for (BlockClass c : tree.classes) {
                taken.add(c.name);
            }
            String name = PyText.className(networkName);
            while (taken.contains(name) || name.equals("Dataset") || name.equals("DataLoader")) {
                name = name + "Net";
            }
            return name;
        }

        private void line(String s) {
            out.append(s).append('\n');
        }

        /** Text safe inside a triple-quoted docstring. */
        private static String docText(String s) {
            return s.replace("\\", "\\\\").replace("\"\"\"", "'''").replaceAll("\\p{Cntrl}", " ");
        }

        private static String runtime() {
            try (InputStream in = PyTorchExporter.class.getResourceAsStream(RUNTIME)) {
                if (in == null) {
                    throw new IllegalStateException(RUNTIME + " is missing from this build");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
