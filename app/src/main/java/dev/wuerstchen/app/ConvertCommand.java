package dev.wuerstchen.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.io.AtomicFiles;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.engine.ModelPair;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.NetworkShapes;
import dev.wuerstchen.engine.pipeline.SizeRule;
import dev.wuerstchen.graph.onnx.ExportListener;
import dev.wuerstchen.graph.onnx.ExportedGraph;
import dev.wuerstchen.graph.onnx.OnnxExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Exports a checkpoint's networks as ONNX graphs with external weights. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export the five networks of a model pair as ONNX (opset 17) for the request shapes given.",
                "Weights stream to one external-data file per network (peak memory stays far below the checkpoint size);"
                        + " each further shape adds only a small .onnx file. export.json lists what was written."})
final class ConvertCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format {
        ONNX
    }

    private static final List<Role> ROLES = List.of(Role.PRIOR_TEXT_ENCODER, Role.PRIOR, Role.DECODER_TEXT_ENCODER,
            Role.DECODER, Role.VQGAN_DECODE);

    @Spec
    CommandSpec spec;

    @Mixin
    ModelMixin models;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx", description = "Output format: onnx.")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1024", description = "Image width. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "1024", description = "Image height. Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--images", paramLabel = "N", defaultValue = "1", description = "Images per prompt. Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--prior-guidance", paramLabel = "G", defaultValue = "4.0",
            description = "Prior guidance the graphs serve (above 1 doubles the prior's batch). Default: ${DEFAULT-VALUE}.")
    float priorGuidance;

    @Option(names = "--decoder-guidance", paramLabel = "G", defaultValue = "0.0",
            description = "Decoder guidance the graphs serve (above 1 doubles the decoder's batch). Default: ${DEFAULT-VALUE}.")
    float decoderGuidance;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws com.fasterxml.jackson.core.JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        models.validate();
        if (!models.given()) {
            throw new UsageException("convert needs the model to export: pass --model-dir, or --prior-dir with --decoder-dir");
        }
        if (width < 1 || height < 1 || images < 1) {
            throw new UsageException("--width, --height and --images must be positive");
        }
        if (Files.isRegularFile(out)) {
            throw new UsageException("--out must be a folder, but " + out + " is a file");
        }
        long started = System.nanoTime();
        ProgressBar bar = new ProgressBar(err, ProgressBar.stderrIsTerminal(), quiet);
        ExportListener listener = new ExportListener() {
            @Override
            public void message(String line) {
                if (!quiet && !line.contains("weights written in")) {
                    err.println(line);
                }
            }

            @Override
            public void weights(String network, long done, long total) {
                bar.bytes(network + " weights", done, total, Duration.ofNanos(System.nanoTime() - started));
            }
        };
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        manifest.put("format", "onnx").put("opset", 17).put("width", width).put("height", height).put("images", images)
                .put("prior_guidance", priorGuidance).put("decoder_guidance", decoderGuidance);
        ArrayNode networks = manifest.putArray("networks");
        long totalBytes = 0;
        try (ModelPair pair = ModelPair.load(models.location())) {
            SizeRule.of(pair.priorFolder(), pair.decoderFolder()).check(width, height);
            Map<Role, Map<String, Shape>> shapes = NetworkShapes.of(pair.priorFolder(), pair.decoderFolder(), width, height,
                    1, images, priorGuidance, decoderGuidance);
            for (Role role : ROLES) {
                NetworkDefinition def = pair.definition(role);
                ExportedGraph g = OnnxExporter.export(def, pair.checkpoint(role), shapes.get(role), out, listener);
                long bytes = size(g.modelFile()) + size(g.weightsFile());
                totalBytes += bytes;
                stdout.printf(Locale.ROOT, "%-22s %9.1f MiB  %s%n", def.name(), bytes / 1048576.0,
                        out.toAbsolutePath().relativize(g.modelFile().toAbsolutePath()));
                networks.add(describe(def, g, shapes.get(role)));
            }
        }
        Path manifestFile = out.resolve("export.json");
        AtomicFiles.write(manifestFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - started) / 1e9;
        stdout.printf(Locale.ROOT, "exported %d networks, %.1f MiB, in %.1f s; peak memory %s; see %s%n", ROLES.size(),
                totalBytes / 1048576.0, seconds, PeakMemory.describe(), manifestFile);
        return ExitCode.OK;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new dev.wuerstchen.api.error.OutputFileException(file, e);
        }
    }

    private ObjectNode describe(NetworkDefinition def, ExportedGraph g, Map<String, Shape> shapes) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("network", def.name());
        n.put("model", out.toAbsolutePath().relativize(g.modelFile().toAbsolutePath()).toString());
        n.put("weights", out.toAbsolutePath().relativize(g.weightsFile().toAbsolutePath()).toString());
        ArrayNode inputs = n.putArray("inputs");
        for (TensorSpec in : def.inputs()) {
            ObjectNode i = inputs.addObject().put("name", in.name()).put("dtype", in.dtype().name());
            ArrayNode dims = i.putArray("shape");
            for (int d : shapes.get(in.name()).dims()) {
                dims.add(d);
            }
        }
        ArrayNode outputs = n.putArray("outputs");
        def.outputs().forEach(o -> outputs.addObject().put("name", o.name()).put("dtype", o.dtype().name()));
        return n;
    }
}
