package dev.wuerstchen.engine.parity;

import dev.wuerstchen.api.noise.TorchCpuNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's PyTorch-compatible generator against every recorded draw: the pipelines' stream
 * (seed + 1) and the scheduler test's stream (seed + 2, after its sample and model-output draws).
 */
final class NoiseParity implements ParityCheck {

    /** PyTorch's vectorised log/cos differ from correctly rounded float math by at most this. */
    static final int MAX_ULP = 2;

    @Override
    public ParityPart part() {
        return ParityPart.NOISE;
    }

    @Override
    public void run(ParitySession session, Consumer<Comparison> out) {
        GoldenReference ref = session.reference();
        List<String> draws = ref.names("noise\\.\\d+");
        int schedulerDraws = SchedulerParity.stepNames(ref).size();
        int pipelineDraws = draws.size() - schedulerDraws;

        TorchCpuNoise pipeline = new TorchCpuNoise(ref.seed() + 1);
        for (int i = 0; i < pipelineDraws; i++) {
            compare(ref, draws.get(i), pipeline, out);
        }
        if (schedulerDraws > 0) {
            TorchCpuNoise scheduler = new TorchCpuNoise(ref.seed() + 2);
            compare(ref, "scheduler.step0.sample", scheduler, out);
            compare(ref, "scheduler.step0.model_output", scheduler, out);
            for (int i = pipelineDraws; i < draws.size(); i++) {
                compare(ref, draws.get(i), scheduler, out);
            }
        }
    }

    private void compare(GoldenReference ref, String name, TorchCpuNoise stream, Consumer<Comparison> out) {
        HostTensor expected = ref.tensor(name);
        HostTensor actual = stream.next(expected.shape());
        out.accept(Compare.ulp(part(), name, actual, expected, MAX_ULP));
    }
}
