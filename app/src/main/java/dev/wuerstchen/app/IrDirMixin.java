package dev.wuerstchen.app;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.backend.openvino.OpenVinoBackend;
import dev.wuerstchen.backend.openvino.OpenVinoIrModels;
import dev.wuerstchen.engine.LoadedModels;
import dev.wuerstchen.engine.ModelPair.Role;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --ir-dir}: run the IR files OpenVINO's own Würstchen notebook exports. */
final class IrDirMixin {

    /** Precisions of the notebook's IR files. */
    enum IrPrecision {
        F32, INT8
    }

    @Option(names = "--ir-dir", paramLabel = "DIR",
            description = "Run the IR files of OpenVINO's Würstchen notebook from this folder (its 'models' folder) on "
                    + "--backend openvino. The tokenizers and configs still come from --model-dir.")
    Path irDir;

    @Option(names = "--ir-precision", paramLabel = "P", defaultValue = "f32",
            description = "Which IR files: f32, or int8 (the notebook's quantized prior and decoder). Default: ${DEFAULT-VALUE}.")
    IrPrecision irPrecision;

    boolean given() {
        return irDir != null;
    }

    void validate(String backend, ModelMixin models) {
        if (irDir == null) {
            return;
        }
        if (!"openvino".equals(backend)) {
            throw new UsageException("--ir-dir runs OpenVINO IR files; add --backend openvino (got --backend " + backend + ")");
        }
        if (!models.given()) {
            throw new UsageException("--ir-dir needs --model-dir (or --prior-dir with --decoder-dir) for the tokenizers "
                    + "and configs the IR files do not carry");
        }
    }

    /** The networks of a role come from the IR files of the opened OpenVINO backend. */
    Function<Backend, LoadedModels.NetworkSource> networks() {
        Precision p = irPrecision == IrPrecision.INT8 ? Precision.INT8 : Precision.F32;
        return backend -> {
            OpenVinoIrModels ir = ((OpenVinoBackend) backend).irModels(irDir, p);
            return (role, definition) -> {
                if (role == Role.VQGAN_ENCODE || role == Role.VQGAN_QUANTIZE) {
                    throw new dev.wuerstchen.api.error.UnsupportedRequestException("the notebook's IR files hold only the "
                            + "VQGAN decoder, not " + role, "Run the VQGAN's encoder without --ir-dir");
                }
                return ir.network(OpenVinoIrModels.Role.valueOf(role.name()), definition);
            };
        };
    }
}
