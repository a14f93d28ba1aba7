package dev.wuerstchen.app;

import dev.wuerstchen.engine.ModelLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the model folders are. */
final class ModelMixin {

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "A folder holding both model folders (wuerstchen-prior/ and wuerstchen/).")
    Path modelDir;

    @Option(names = "--prior-dir", paramLabel = "DIR", description = "The warp-ai/wuerstchen-prior folder.")
    Path priorDir;

    @Option(names = "--decoder-dir", paramLabel = "DIR", description = "The warp-ai/wuerstchen folder.")
    Path decoderDir;

    boolean given() {
        return modelDir != null || priorDir != null || decoderDir != null;
    }

    /** Usage errors for conflicting or half-given model flags. */
    void validate() {
        if (modelDir != null && (priorDir != null || decoderDir != null)) {
            throw new UsageException("--model-dir and --prior-dir/--decoder-dir both choose the models; give either "
                    + "--model-dir, or --prior-dir with --decoder-dir");
        }
        if ((priorDir == null) != (decoderDir == null)) {
            throw new UsageException((priorDir == null ? "--decoder-dir needs --prior-dir" : "--prior-dir needs --decoder-dir")
                    + ": the pipeline needs both halves (warp-ai/wuerstchen-prior and warp-ai/wuerstchen)");
        }
    }

    ModelLocation location() {
        return modelDir != null ? ModelLocation.inFolder(modelDir) : new ModelLocation(priorDir, decoderDir);
    }
}
