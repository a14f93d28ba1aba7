package dev.wuerstchen.engine.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.noise.ReplayNoise;
import dev.wuerstchen.api.noise.TorchCpuNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.scheduler.CosineSchedule;
import dev.wuerstchen.scheduler.ddpm.DdpmWuerstchenScheduler;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.Timesteps;
import java.util.List;
import java.util.function.Consumer;

/** ᾱ, the timestep lists of both pipelines, and the recorded single steps of DDPMWuerstchenScheduler. */
final class SchedulerParity implements ParityCheck {

    static final double TOLERANCE = 1e-6;

    @Override
    public ParityPart part() {
        return ParityPart.SCHEDULER;
    }

    static List<String> stepNames(GoldenReference ref) {
        return ref.names("scheduler\\.step\\d+\\.prev_sample");
    }

    @Override
    public void run(ParitySession session, Consumer<Comparison> out) {
        GoldenReference ref = session.reference();
        ParityOptions options = session.options();
        SchedulerConfig config = SchedulerConfig.load(ref.priorFolder().resolve("scheduler/scheduler_config.json"));
        DdpmWuerstchenScheduler scheduler = new DdpmWuerstchenScheduler(config);
        CosineSchedule schedule = scheduler.schedule();

        if (ref.has("scheduler.alpha_cumprod")) {
            float[] t = ref.tensor("scheduler.t_grid").toFloatArray();
            float[] a = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                a[i] = schedule.alphaCumprod(t[i]);
            }
            out.accept(Compare.relL2(part(), "scheduler.alpha_cumprod", HostTensor.of(Shape.of(a.length), a),
                    ref.tensor("scheduler.alpha_cumprod"), TOLERANCE));
        }
        Timesteps linspace7 = scheduler.timesteps(TimestepSpec.steps(7));
        if (ref.has("scheduler.linspace7")) {
            out.accept(Compare.relL2(part(), "scheduler.linspace7", tensor(linspace7), ref.tensor("scheduler.linspace7"),
                    TOLERANCE));
        }
        if (ref.has("prior_pipeline.timesteps")) {
            Timesteps prior = scheduler.timesteps(priorSpec(ref.config().path("prior_timesteps"),
                    ref.config().path("prior_steps")));
            out.accept(Compare.relL2(part(), "prior_pipeline.timesteps", tensor(prior), ref.tensor("prior_pipeline.timesteps"),
                    TOLERANCE));
        }
        if (ref.has("decoder_pipeline.timesteps")) {
            Timesteps decoder = scheduler.timesteps(TimestepSpec.steps(ref.config().path("decoder_steps").asInt(12)));
            out.accept(Compare.relL2(part(), "decoder_pipeline.timesteps", tensor(decoder),
                    ref.tensor("decoder_pipeline.timesteps"), TOLERANCE));
        }
        singleSteps(ref, options, scheduler, linspace7, out);
        if (ref.has("scheduler.last.prev_t")) {
            HostTensor recorded = ref.tensor("scheduler.last.prev_t");
            // the reference asks for the timestep after the last non-zero entry of the 7-step schedule
            float t = linspace7.get(linspace7.steps() - 1);
            float prev = linspace7.get(linspace7.indexOf(t) + 1);
            float[] v = new float[recorded.shape().size()];
            java.util.Arrays.fill(v, prev);
            out.accept(Compare.relL2(part(), "scheduler.last.prev_t", HostTensor.of(recorded.shape(), v), recorded,
                    TOLERANCE));
        }
    }

    /** The recorded steps were taken on the 7-step schedule at the ratios stored with them. */
    private void singleSteps(GoldenReference ref, ParityOptions options, DdpmWuerstchenScheduler scheduler,
            Timesteps timesteps, Consumer<Comparison> out) {
        List<String> steps = stepNames(ref);
        if (steps.isEmpty()) {
            return;
        }
        HostTensor sample = ref.tensor("scheduler.step0.sample");
        HostTensor modelOutput = ref.tensor("scheduler.step0.model_output");
        NoiseSource noise;
        if (options.noise() == NoiseMode.SEED) {
            TorchCpuNoise stream = new TorchCpuNoise(ref.seed() + 2);
            sample = stream.next(sample.shape());
            modelOutput = stream.next(modelOutput.shape());
            noise = stream;
        } else {
            List<HostTensor> draws = new java.util.ArrayList<>();
            for (int k = 0; k < steps.size(); k++) {
                draws.add(ref.tensor("scheduler.step" + k + ".noise"));
            }
            noise = ReplayNoise.of(draws);
        }
        SchedulerRun run = scheduler.begin(timesteps);
        for (int k = 0; k < steps.size(); k++) {
            float t = ref.tensor("scheduler.step" + k + ".t").getFloat(0);
            // diffusers evaluates ᾱ at the t it is given and looks the previous timestep up by nearest
            // value; an off-grid t therefore steps over the two-point schedule [t, T[index + 1]].
            int index = timesteps.indexOf(t);
            boolean onGrid = timesteps.get(index) == t;
            SchedulerRun stepRun = onGrid ? run : scheduler.begin(new Timesteps(new float[] {t, timesteps.get(index + 1)}));
            HostTensor next = stepRun.step(onGrid ? index : 0, modelOutput, sample, noise);
            out.accept(Compare.relL2(part(), "scheduler.step" + k + ".prev_sample", next,
                    ref.tensor("scheduler.step" + k + ".prev_sample"), TOLERANCE));
        }
    }

    /** {@code "default"} → the Stage C list, an array → that list, a number → that many steps. */
    static TimestepSpec priorSpec(JsonNode timesteps, JsonNode steps) {
        if (timesteps.isTextual() && timesteps.asText().equals("default")) {
            return DdpmWuerstchenScheduler.DEFAULT_STAGE_C_TIMESTEPS;
        }
        if (timesteps.isArray()) {
            double[] v = new double[timesteps.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = timesteps.get(i).asDouble();
            }
            return TimestepSpec.explicit(v);
        }
        if (timesteps.isIntegralNumber()) {
            return TimestepSpec.steps(timesteps.asInt());
        }
        // no list given: diffusers' prior pipeline then runs its default of 60 steps
        return TimestepSpec.steps(steps.isIntegralNumber() ? steps.asInt() : 60);
    }

    private static HostTensor tensor(Timesteps t) {
        float[] v = t.values();
        return HostTensor.of(Shape.of(v.length), v);
    }
}
