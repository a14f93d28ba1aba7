/*
 * A STAND-IN for the part of OpenVINO's C API (libopenvino_c) that the Java binding uses.
 * It is NOT OpenVINO and computes nothing of a neural network: it exists so that every Java call
 * (argument order and types, structs by value and by pointer, variadic key/value properties,
 * out-handles, status codes, the last-error message, ownership) is exercised by the tests.
 * Signatures are written from the documented prototypes (shared/spec/openvino.md §A.5).
 * See README.md beside this file for its "model" format and its checkable "inference".
 */
#define _GNU_SOURCE
#include "standin_common.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* From libopenvino.so (stand-in): makes libopenvino_c depend on it, as the real library does. */
extern int standin_runtime_marker(void);

/* ---------------------------------------------------------------- bookkeeping ------------- */

enum kind { K_CORE, K_MODEL, K_COMPILED, K_REQUEST, K_TENSOR, K_CONST_PORT, K_STRING, K_SHAPE, K_PSHAPE,
            K_VERSION, K_DEVICES, K_COUNT };
static const char *KIND_NAMES[K_COUNT] = {"core", "model", "compiled_model", "infer_request", "tensor",
                                          "const_port", "string", "shape", "partial_shape", "version",
                                          "devices"};

#define LIVE 0x0FEEDBEEu
#define DEAD 0xDEADDEADu

typedef struct {
    uint32_t magic;
    int kind;
} header;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static long g_created[K_COUNT], g_freed[K_COUNT];
static long g_misuse, g_invalid;
static char g_misuse_log[4096];

/* Pointers handed to the caller that must come back through an ov_*_free function. */
typedef struct {
    const void *ptr;
    int kind;
    int live;
} allocation;
static allocation *g_allocs;
static size_t g_nallocs, g_capallocs;

static void misuse(const char *what) {
    g_misuse++;
    size_t used = strlen(g_misuse_log);
    if (used + strlen(what) + 2 < sizeof g_misuse_log) {
        strcat(g_misuse_log, what);
        strcat(g_misuse_log, "\n");
    }
}

static void track(const void *p, int kind) {
    pthread_mutex_lock(&g_lock);
    if (g_nallocs == g_capallocs) {
        g_capallocs = g_capallocs ? g_capallocs * 2 : 256;
        g_allocs = realloc(g_allocs, g_capallocs * sizeof *g_allocs);
    }
    g_allocs[g_nallocs++] = (allocation){p, kind, 1};
    g_created[kind]++;
    pthread_mutex_unlock(&g_lock);
}

/* Returns 1 when p was a live allocation of this kind (and marks it released). */
static int untrack(const void *p, int kind, const char *fn) {
    pthread_mutex_lock(&g_lock);
    for (size_t i = g_nallocs; i-- > 0;) {
        if (g_allocs[i].ptr == p && g_allocs[i].kind == kind) {
            if (!g_allocs[i].live) {
                break;
            }
            g_allocs[i].live = 0;
            g_freed[kind]++;
            pthread_mutex_unlock(&g_lock);
            return 1;
        }
    }
    char msg[160];
    snprintf(msg, sizeof msg, "%s: %p is not a live %s", fn, p, KIND_NAMES[kind]);
    misuse(msg);
    pthread_mutex_unlock(&g_lock);
    return 0;
}

static void *new_object(size_t size, int kind) {
    header *h = calloc(1, size);
    h->magic = LIVE;
    h->kind = kind;
    pthread_mutex_lock(&g_lock);
    g_created[kind]++;
    pthread_mutex_unlock(&g_lock);
    return h;
}

/* Objects are marked dead but never returned to libc, so use-after-free is detected, not undefined. */
static int release_object(const void *p, int kind, const char *fn) {
    if (p == NULL) {
        return 0;
    }
    header *h = (header *) p;
    pthread_mutex_lock(&g_lock);
    if (h->magic != LIVE || h->kind != kind) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s: %p is not a live %s (%s)", fn, p, KIND_NAMES[kind],
                 h->magic == DEAD ? "freed twice" : "foreign pointer");
        misuse(msg);
        pthread_mutex_unlock(&g_lock);
        return 0;
    }
    h->magic = DEAD;
    g_freed[kind]++;
    pthread_mutex_unlock(&g_lock);
    return 1;
}

static int alive(const void *p, int kind, const char *fn) {
    if (p == NULL) {
        return 0;
    }
    const header *h = (const header *) p;
    if (h->magic != LIVE || h->kind != kind) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s: %p used but not a live %s", fn, p, KIND_NAMES[kind]);
        pthread_mutex_lock(&g_lock);
        misuse(msg);
        pthread_mutex_unlock(&g_lock);
        return 0;
    }
    return 1;
}

static char *tracked_strdup(const char *s, int kind) {
    char *c = strdup(s);
    track(c, kind);
    return c;
}

/* ---------------------------------------------------------------- errors, fail points ------ */

static char g_last_err[1024];
static int g_has_err;
static char g_fail_fn[128];
static int g_fail_status;
static char g_fail_msg[512];
static int g_fail_records; /* 0: the failure records no message, as some OpenVINO failures do */

static ov_status_e fail(ov_status_e status, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&g_lock);
    vsnprintf(g_last_err, sizeof g_last_err, fmt, ap);
    g_has_err = 1;
    pthread_mutex_unlock(&g_lock);
    va_end(ap);
    return status;
}

/* Invalid C parameters never touch the last-error message (spec §A.3.1). */
static ov_status_e invalid(void) {
    pthread_mutex_lock(&g_lock);
    g_invalid++;
    pthread_mutex_unlock(&g_lock);
    return INVALID_C_PARAM;
}

#define FAILPOINT(name)                                                                 \
    do {                                                                                \
        if (g_fail_fn[0] != 0 && strcmp(g_fail_fn, name) == 0) {                        \
            g_fail_fn[0] = 0;                                                           \
            if (g_fail_status == INVALID_C_PARAM || !g_fail_records) {                  \
                return (ov_status_e) g_fail_status;                                     \
            }                                                                           \
            return fail((ov_status_e) g_fail_status, "%s", g_fail_msg);                 \
        }                                                                               \
    } while (0)

static const char *ERROR_INFO[] = {"success", "general error", "it's not implement", "failed to network",
                                   "input parameter mismatch", "cannot find the value", "out of bounds",
                                   "run with unexpected error", "request is busy", "result is not ready",
                                   "it is not allocated", "inference start with error", "network is not ready",
                                   "inference is canceled", "invalid c input parameters", "unknown c error",
                                   "not implement in c method", "unknown exception"};

const char *ov_get_error_info(ov_status_e status) {
    int i = -(int) status;
    return i >= 0 && i < (int) (sizeof ERROR_INFO / sizeof ERROR_INFO[0]) ? ERROR_INFO[i] : "unknown exception";
}

const char *ov_get_last_err_msg(void) {
    pthread_mutex_lock(&g_lock);
    int has = g_has_err;
    char copy[sizeof g_last_err];
    memcpy(copy, g_last_err, sizeof copy);
    pthread_mutex_unlock(&g_lock);
    return has ? tracked_strdup(copy, K_STRING) : NULL;
}

void ov_free(const char *content) {
    if (content != NULL && untrack(content, K_STRING, "ov_free")) {
        free((void *) content);
    }
}

/* ---------------------------------------------------------------- version, numbering ------- */

static char g_version[128] = "2025.3.0-19807-44526285f24-releases/2025/3";
static int g_numbering = -1; /* -1: follow the version, 0: before 2024.2, 1: since 2024.2 */

static int version_at_least(int y, int m) {
    int year = 0, minor = 0;
    sscanf(g_version, "%d.%d", &year, &minor);
    return year * 100 + minor >= y * 100 + m;
}

/* Tensors number element types the new way since 2024.2; ports already in 2024.1, whose ports
   returned the C++ enum (which gained u2, u3, u6 in 2024.1) cast to the C type. */
static int new_numbering(int port) {
    if (g_numbering >= 0) {
        return g_numbering;
    }
    return port ? version_at_least(2024, 1) : version_at_least(2024, 2);
}

/* Logical types; their values equal the 2024.2+ codes. */
enum { T_UNDEFINED, T_DYNAMIC, T_BOOLEAN, T_BF16, T_F16, T_F32, T_F64, T_I4, T_I8, T_I16, T_I32, T_I64,
       T_U1, T_U2, T_U3, T_U4, T_U6, T_U8, T_U16, T_U32, T_U64, T_NF4, T_F8E4M3, T_F8E5M2, T_STRING,
       T_F4E2M1, T_F8E8M0, T_LIMIT };

static const int OLD_CODES[] = {T_UNDEFINED, T_DYNAMIC, T_BOOLEAN, T_BF16, T_F16, T_F32, T_F64, T_I4, T_I8,
                                T_I16, T_I32, T_I64, T_U1, T_U4, T_U8, T_U16, T_U32, T_U64, T_NF4, T_F8E4M3,
                                T_F8E5M2};
#define OLD_LIMIT ((int) (sizeof OLD_CODES / sizeof OLD_CODES[0]))

static const int BITS[T_LIMIT] = {0, 0, 8, 16, 16, 32, 64, 4, 8, 16, 32, 64, 1, 2, 3, 4, 6, 8, 16, 32, 64,
                                  4, 8, 8, 0, 4, 8};

/* A tensor type code (ports only report codes, never take them). */
static int decode_type(int code) {
    if (new_numbering(0)) {
        return code >= 0 && code < T_LIMIT ? code : -1;
    }
    return code >= 0 && code < OLD_LIMIT ? OLD_CODES[code] : -1;
}

static int encode_type(int type, int port) {
    if (new_numbering(port)) {
        return type;
    }
    for (int i = 0; i < OLD_LIMIT; i++) {
        if (OLD_CODES[i] == type) {
            return i;
        }
    }
    return T_UNDEFINED;
}

static const char *TYPE_NAMES[T_LIMIT] = {"undefined", "dynamic", "boolean", "bf16", "f16", "f32", "f64",
                                          "i4", "i8", "i16", "i32", "i64", "u1", "u2", "u3", "u4", "u6",
                                          "u8", "u16", "u32", "u64", "nf4", "f8e4m3", "f8e5m2", "string",
                                          "f4e2m1", "f8e8m0"};

ov_status_e ov_get_openvino_version(ov_version_t *version) {
    FAILPOINT("ov_get_openvino_version");
    if (version == NULL) {
        return invalid();
    }
    char *build = strdup(g_version);
    track(build, K_VERSION);
    version->buildNumber = build;
    version->description = strdup("OpenVINO Runtime C stand-in (not OpenVINO)");
    return OK;
}

void ov_version_free(ov_version_t *version) {
    if (version == NULL) {
        return;
    }
    if (version->buildNumber != NULL && untrack(version->buildNumber, K_VERSION, "ov_version_free")) {
        free((void *) version->buildNumber);
        free((void *) version->description);
    }
    version->buildNumber = NULL;
    version->description = NULL;
}

/* ---------------------------------------------------------------- models ------------------ */

#define MAX_PORTS 8
#define MAX_RANK 8

typedef struct {
    char name[64];
    int has_name;
    int type;                /* logical type */
    int64_t rank;
    int64_t dims[MAX_RANK];  /* -1 = dynamic */
} port_desc;

typedef struct {
    char friendly[64];
    int nin, nout;
    port_desc in[MAX_PORTS], out[MAX_PORTS];
} model_data;

struct ov_core {
    header h;
    char cache_dir[512];
};

struct ov_model {
    header h;
    model_data d;
};

struct ov_compiled_model {
    header h;
    model_data d;
    char device[64];
    char precision[16];
    char hint[32];
};

struct ov_output_const_port {
    header h;
    port_desc p;
};

static int type_by_name(const char *s) {
    for (int t = 0; t < T_LIMIT; t++) {
        if (strcmp(TYPE_NAMES[t], s) == 0) {
            return t;
        }
    }
    return -1;
}

/* Parses the stand-in model text (README.md); returns NULL on success or an error text. */
static const char *parse_model(const char *text, model_data *d) {
    memset(d, 0, sizeof *d);
    strcpy(d->friendly, "standin");
    if (strncmp(text, "standin-model", 13) != 0) {
        return "not a stand-in model (first line must be 'standin-model')";
    }
    char *copy = strdup(text);
    char *save = NULL;
    const char *err = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line != NULL && err == NULL; line = strtok_r(NULL, "\n", &save)) {
        char what[16], name[64], type[16], dims[256];
        int n = sscanf(line, "%15s %63s %15s %255s", what, name, type, dims);
        if (n >= 2 && strcmp(what, "name") == 0) {
            snprintf(d->friendly, sizeof d->friendly, "%s", name);
            continue;
        }
        if (n != 4 || (strcmp(what, "input") != 0 && strcmp(what, "output") != 0)) {
            continue;
        }
        int is_in = what[0] == 'i';
        int *count = is_in ? &d->nin : &d->nout;
        if (*count == MAX_PORTS) {
            err = "too many ports";
            break;
        }
        port_desc *p = is_in ? &d->in[*count] : &d->out[*count];
        (*count)++;
        p->has_name = strcmp(name, "-") != 0;
        snprintf(p->name, sizeof p->name, "%s", p->has_name ? name : "");
        p->type = type_by_name(type);
        if (p->type < 0) {
            err = "unknown element type";
            break;
        }
        if (strcmp(dims, "scalar") == 0) {
            p->rank = 0;
            continue;
        }
        char *dsave = NULL;
        for (char *tok = strtok_r(dims, ",", &dsave); tok != NULL; tok = strtok_r(NULL, ",", &dsave)) {
            if (p->rank == MAX_RANK) {
                err = "rank too large";
                break;
            }
            p->dims[p->rank++] = strtoll(tok, NULL, 10);
        }
    }
    free(copy);
    return err;
}

static void format_model(const model_data *d, FILE *f) {
    fprintf(f, "standin-model\nname %s\n", d->friendly);
    for (int k = 0; k < 2; k++) {
        int n = k == 0 ? d->nin : d->nout;
        const port_desc *ports = k == 0 ? d->in : d->out;
        for (int i = 0; i < n; i++) {
            fprintf(f, "%s %s %s ", k == 0 ? "input" : "output", ports[i].has_name ? ports[i].name : "-",
                    TYPE_NAMES[ports[i].type]);
            if (ports[i].rank == 0) {
                fputs("scalar", f);
            }
            for (int j = 0; j < ports[i].rank; j++) {
                fprintf(f, j == 0 ? "%lld" : ",%lld", (long long) ports[i].dims[j]);
            }
            fputc('\n', f);
        }
    }
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t) n + 1);
    size_t got = fread(buf, 1, (size_t) n, f);
    buf[got] = 0;
    fclose(f);
    return buf;
}

/* ---------------------------------------------------------------- core -------------------- */

static char g_compile_log[2048];
static char g_property_log[4096];
static char g_last_bin[512];
static long g_last_weights_bytes = -1;

ov_status_e ov_core_create(ov_core_t **core) {
    FAILPOINT("ov_core_create");
    if (core == NULL) {
        return invalid();
    }
    if (standin_runtime_marker() != 42) {
        return fail(GENERAL_ERROR, "stand-in libopenvino is not the expected one");
    }
    *core = new_object(sizeof(ov_core_t), K_CORE);
    return OK;
}

void ov_core_free(ov_core_t *core) {
    if (release_object(core, K_CORE, "ov_core_free")) {
        pthread_mutex_lock(&g_lock);
        g_has_err = 0; /* as in OpenVINO: freeing a core clears the global message */
        pthread_mutex_unlock(&g_lock);
    }
}

/* The devices "found": CPU and GPU (one GPU, as OpenVINO lists it) unless a test sets others
   (standin_set_devices). */
#define MAX_DEVICES 8
static const char *DEFAULT_DEVICES[] = {"CPU", "GPU"};
static char g_devices[MAX_DEVICES][32];
static size_t g_ndevices = 2;
static int g_devices_set;

static const char *device_at(size_t i) {
    return g_devices_set ? g_devices[i] : DEFAULT_DEVICES[i];
}

ov_status_e ov_core_get_available_devices(const ov_core_t *core, ov_available_devices_t *devices) {
    FAILPOINT("ov_core_get_available_devices");
    if (!alive(core, K_CORE, "ov_core_get_available_devices") || devices == NULL) {
        return invalid();
    }
    pthread_mutex_lock(&g_lock);
    size_t n = g_ndevices;
    char **list = calloc(n == 0 ? 1 : n, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        list[i] = strdup(device_at(i));
    }
    pthread_mutex_unlock(&g_lock);
    track(list, K_DEVICES);
    devices->devices = list;
    devices->size = n;
    return OK;
}

void ov_available_devices_free(ov_available_devices_t *devices) {
    if (devices == NULL || devices->devices == NULL) {
        return;
    }
    if (untrack(devices->devices, K_DEVICES, "ov_available_devices_free")) {
        for (size_t i = 0; i < devices->size; i++) {
            free(devices->devices[i]);
        }
        free(devices->devices);
    }
    devices->devices = NULL;
    devices->size = 0;
}

/* The virtual devices and the devices found, as OpenVINO accepts them: a listed "GPU" also as "GPU.0",
   and a listed "GPU.0" ("GPU.1", ...) also as the bare "GPU". */
static int known_device(const char *d) {
    const char *virtual_devices[] = {"AUTO", "MULTI", "HETERO"};
    for (size_t i = 0; i < sizeof virtual_devices / sizeof virtual_devices[0]; i++) {
        if (strcmp(virtual_devices[i], d) == 0) {
            return 1;
        }
    }
    size_t n = strlen(d);
    int found = 0;
    pthread_mutex_lock(&g_lock);
    for (size_t i = 0; i < g_ndevices && !found; i++) {
        const char *a = device_at(i);
        size_t m = strlen(a);
        found = strcmp(a, d) == 0 || (n == m + 2 && strncmp(d, a, m) == 0 && strcmp(d + m, ".0") == 0)
                || (m > n && strncmp(a, d, n) == 0 && a[n] == '.');
    }
    pthread_mutex_unlock(&g_lock);
    return found;
}

/* Checks one property as a plugin would; returns NULL when accepted, else the error text. */
static const char *check_property(const char *key, const char *value) {
    static char msg[256];
    if (key == NULL || value == NULL) {
        return "NULL key or value";
    }
    if (strcmp(key, "PERFORMANCE_HINT") == 0) {
        if (strcmp(value, "LATENCY") && strcmp(value, "THROUGHPUT") && strcmp(value, "CUMULATIVE_THROUGHPUT")) {
            snprintf(msg, sizeof msg, "Wrong value %s for property key PERFORMANCE_HINT", value);
            return msg;
        }
        return NULL;
    }
    if (strcmp(key, "INFERENCE_PRECISION_HINT") == 0) {
        if (strcmp(value, "f32") && strcmp(value, "f16") && strcmp(value, "bf16")) {
            snprintf(msg, sizeof msg, "Wrong value %s for property key INFERENCE_PRECISION_HINT", value);
            return msg;
        }
        return NULL;
    }
    if (strcmp(key, "NUM_STREAMS") == 0 || strcmp(key, "INFERENCE_NUM_THREADS") == 0) {
        char *end = NULL;
        strtol(value, &end, 10);
        if ((end == value || *end != 0) && strcmp(value, "AUTO") != 0) {
            snprintf(msg, sizeof msg, "Wrong value %s for property key %s", value, key);
            return msg;
        }
        return NULL;
    }
    if (strcmp(key, "CACHE_DIR") == 0 || strcmp(key, "EXECUTION_MODE_HINT") == 0
        || strcmp(key, "PERF_COUNT") == 0 || strcmp(key, "ENABLE_MMAP") == 0) {
        return NULL;
    }
    snprintf(msg, sizeof msg, "Unsupported property %s by CPU plugin.", key);
    return msg;
}

ov_status_e ov_core_set_property(const ov_core_t *core, const char *device_name, ...) {
    FAILPOINT("ov_core_set_property");
    if (!alive(core, K_CORE, "ov_core_set_property")) {
        return invalid();
    }
    va_list ap;
    va_start(ap, device_name);
    const char *key = va_arg(ap, const char *); /* exactly one pair, as OpenVINO reads */
    const char *value = va_arg(ap, const char *);
    va_end(ap);
    const char *err = check_property(key, value);
    if (err != NULL) {
        return fail(GENERAL_ERROR, "%s", err);
    }
    pthread_mutex_lock(&g_lock);
    size_t used = strlen(g_property_log);
    snprintf(g_property_log + used, sizeof g_property_log - used, "%s|%s=%s\n",
             device_name == NULL ? "(null)" : device_name, key, value);
    pthread_mutex_unlock(&g_lock);
    if (strcmp(key, "CACHE_DIR") == 0) {
        snprintf(((ov_core_t *) core)->cache_dir, sizeof core->cache_dir, "%s", value);
    }
    return OK;
}

ov_status_e ov_core_get_property(const ov_core_t *core, const char *device_name, const char *property_key,
                                 char **property_value) {
    FAILPOINT("ov_core_get_property");
    if (!alive(core, K_CORE, "ov_core_get_property") || device_name == NULL || property_key == NULL
        || property_value == NULL) {
        return invalid();
    }
    if (!known_device(device_name)) {
        return fail(GENERAL_ERROR, "Device with \"%s\" name is not registered in the OpenVINO Runtime", device_name);
    }
    if (strcmp(property_key, "FULL_DEVICE_NAME") == 0) {
        char buf[128];
        snprintf(buf, sizeof buf, "Stand-in %s device (not OpenVINO)", device_name);
        *property_value = tracked_strdup(buf, K_STRING);
        return OK;
    }
    if (strcmp(property_key, "CACHE_DIR") == 0) {
        *property_value = tracked_strdup(core->cache_dir, K_STRING);
        return OK;
    }
    return fail(GENERAL_ERROR, "Unsupported property %s by %s plugin.", property_key, device_name);
}

static ov_model_t *new_model(const model_data *d) {
    ov_model_t *m = new_object(sizeof(ov_model_t), K_MODEL);
    m->d = *d;
    return m;
}

ov_status_e ov_core_read_model(const ov_core_t *core, const char *model_path, const char *bin_path,
                               ov_model_t **model) {
    FAILPOINT("ov_core_read_model");
    if (!alive(core, K_CORE, "ov_core_read_model") || model_path == NULL || model == NULL) {
        return invalid();
    }
    char *text = read_file(model_path);
    if (text == NULL) {
        return fail(GENERAL_ERROR, "Could not open the file: \"%s\"", model_path);
    }
    model_data d;
    const char *err = parse_model(text, &d);
    free(text);
    if (err != NULL) {
        return fail(GENERAL_ERROR, "%s: %s", model_path, err);
    }
    snprintf(g_last_bin, sizeof g_last_bin, "%s", bin_path == NULL ? "(null)" : bin_path);
    *model = new_model(&d);
    return OK;
}

struct ov_tensor;
static size_t tensor_bytes(const ov_tensor_t *t);

ov_status_e ov_core_read_model_from_memory_buffer(const ov_core_t *core, const char *model_str, const size_t str_len,
                                                  const ov_tensor_t *weights, ov_model_t **model) {
    FAILPOINT("ov_core_read_model_from_memory_buffer");
    if (!alive(core, K_CORE, "ov_core_read_model_from_memory_buffer") || model_str == NULL || str_len == 0
        || model == NULL) {
        return invalid();
    }
    if (weights != NULL && !alive(weights, K_TENSOR, "ov_core_read_model_from_memory_buffer")) {
        return invalid();
    }
    char *text = malloc(str_len + 1);
    memcpy(text, model_str, str_len);
    text[str_len] = 0;
    model_data d;
    const char *err = parse_model(text, &d);
    free(text);
    if (err != NULL) {
        return fail(GENERAL_ERROR, "%s", err);
    }
    g_last_weights_bytes = weights == NULL ? -1 : (long) tensor_bytes(weights);
    *model = new_model(&d);
    return OK;
}

#define MAX_PAIRS 16

typedef struct {
    size_t n; /* number of variadic arguments (keys + values) */
    const char *keys[MAX_PAIRS];
    const char *values[MAX_PAIRS];
} property_args;

/* Reads `n` variadic char* arguments as key/value pairs, as OpenVINO's GET_PROPERTY_FROM_ARGS_LIST does. */
static ov_status_e read_pairs(size_t n, va_list ap, property_args *out) {
    if (n % 2 != 0 || n / 2 > MAX_PAIRS) {
        return invalid();
    }
    out->n = n;
    for (size_t i = 0; i < n / 2; i++) {
        out->keys[i] = va_arg(ap, const char *);
        out->values[i] = va_arg(ap, const char *);
    }
    return OK;
}

/* Logs the call and makes a compiled model from a copy of the model description. */
static ov_status_e compile_common(const model_data *d, const char *device_name, const property_args *props,
                                  ov_compiled_model_t **out) {
    const char *device = device_name == NULL ? "AUTO" : device_name;
    if (!known_device(device)) {
        return fail(GENERAL_ERROR, "Device with \"%s\" name is not registered in the OpenVINO Runtime", device);
    }
    char log[sizeof g_compile_log];
    snprintf(log, sizeof log, "%s|%zu|", device_name == NULL ? "(null)" : device_name, props->n);
    char precision[16] = "f32", hint[32] = "LATENCY";
    for (size_t i = 0; i < props->n / 2; i++) {
        const char *err = check_property(props->keys[i], props->values[i]);
        if (err != NULL) {
            return fail(GENERAL_ERROR, "%s", err);
        }
        /* As the NPU plugin since OpenVINO 2025.1 (PR #29793): it computes in f16 and refuses an f32 hint. */
        if (strncmp(device, "NPU", 3) == 0 && strcmp(props->keys[i], "INFERENCE_PRECISION_HINT") == 0
            && strcmp(props->values[i], "f32") == 0) {
            return fail(GENERAL_ERROR, "[NPU] Unsupported value f32 for property INFERENCE_PRECISION_HINT "
                        "(stand-in: supported are f16 and i8)");
        }
        size_t used = strlen(log);
        snprintf(log + used, sizeof log - used, "%s%s=%s", i == 0 ? "" : ";", props->keys[i], props->values[i]);
        if (strcmp(props->keys[i], "INFERENCE_PRECISION_HINT") == 0) {
            snprintf(precision, sizeof precision, "%s", props->values[i]);
        }
        if (strcmp(props->keys[i], "PERFORMANCE_HINT") == 0) {
            snprintf(hint, sizeof hint, "%s", props->values[i]);
        }
    }
    pthread_mutex_lock(&g_lock);
    memcpy(g_compile_log, log, sizeof log);
    pthread_mutex_unlock(&g_lock);
    ov_compiled_model_t *cm = new_object(sizeof(ov_compiled_model_t), K_COMPILED);
    cm->d = *d; /* the compiled model keeps its own copy: the model may be freed afterwards */
    snprintf(cm->device, sizeof cm->device, "%s", device);
    memcpy(cm->precision, precision, sizeof cm->precision);
    memcpy(cm->hint, hint, sizeof cm->hint);
    *out = cm;
    return OK;
}

ov_status_e ov_core_compile_model(const ov_core_t *core, const ov_model_t *model, const char *device_name,
                                  const size_t property_args_size, ov_compiled_model_t **compiled_model, ...) {
    FAILPOINT("ov_core_compile_model");
    if (!alive(core, K_CORE, "ov_core_compile_model") || !alive(model, K_MODEL, "ov_core_compile_model")
        || compiled_model == NULL) {
        return invalid();
    }
    property_args props;
    va_list ap;
    va_start(ap, compiled_model);
    ov_status_e s = read_pairs(property_args_size, ap, &props);
    va_end(ap);
    return s != OK ? s : compile_common(&model->d, device_name, &props, compiled_model);
}

ov_status_e ov_core_compile_model_from_file(const ov_core_t *core, const char *model_path, const char *device_name,
                                            const size_t property_args_size, ov_compiled_model_t **compiled_model,
                                            ...) {
    FAILPOINT("ov_core_compile_model_from_file");
    if (!alive(core, K_CORE, "ov_core_compile_model_from_file") || model_path == NULL || compiled_model == NULL) {
        return invalid();
    }
    char *text = read_file(model_path);
    if (text == NULL) {
        return fail(GENERAL_ERROR, "Could not open the file: \"%s\"", model_path);
    }
    model_data d;
    const char *err = parse_model(text, &d);
    free(text);
    if (err != NULL) {
        return fail(GENERAL_ERROR, "%s: %s", model_path, err);
    }
    property_args props;
    va_list ap;
    va_start(ap, compiled_model);
    ov_status_e s = read_pairs(property_args_size, ap, &props);
    va_end(ap);
    return s != OK ? s : compile_common(&d, device_name, &props, compiled_model);
}

ov_status_e ov_core_import_model(const ov_core_t *core, const char *content, const size_t content_size,
                                 const char *device_name, ov_compiled_model_t **compiled_model) {
    FAILPOINT("ov_core_import_model");
    if (!alive(core, K_CORE, "ov_core_import_model") || content == NULL || content_size == 0
        || compiled_model == NULL) {
        return invalid();
    }
    char *text = malloc(content_size + 1);
    memcpy(text, content, content_size);
    text[content_size] = 0;
    model_data d;
    const char *err = parse_model(text, &d);
    free(text);
    if (err != NULL) {
        return fail(GENERAL_ERROR, "blob is not an exported stand-in model: %s", err);
    }
    property_args none = {0};
    return compile_common(&d, device_name, &none, compiled_model);
}

/* ---------------------------------------------------------------- model queries ----------- */

ov_status_e ov_model_inputs_size(const ov_model_t *model, size_t *input_size) {
    FAILPOINT("ov_model_inputs_size");
    if (!alive(model, K_MODEL, "ov_model_inputs_size") || input_size == NULL) {
        return invalid();
    }
    *input_size = (size_t) model->d.nin;
    return OK;
}

ov_status_e ov_model_outputs_size(const ov_model_t *model, size_t *output_size) {
    FAILPOINT("ov_model_outputs_size");
    if (!alive(model, K_MODEL, "ov_model_outputs_size") || output_size == NULL) {
        return invalid();
    }
    *output_size = (size_t) model->d.nout;
    return OK;
}

static ov_status_e new_port(const port_desc *p, ov_output_const_port_t **port) {
    ov_output_const_port_t *c = new_object(sizeof(ov_output_const_port_t), K_CONST_PORT);
    c->p = *p;
    *port = c;
    return OK;
}

ov_status_e ov_model_const_input_by_index(const ov_model_t *model, const size_t index,
                                          ov_output_const_port_t **input_port) {
    FAILPOINT("ov_model_const_input_by_index");
    if (!alive(model, K_MODEL, "ov_model_const_input_by_index") || input_port == NULL) {
        return invalid();
    }
    if (index >= (size_t) model->d.nin) {
        return fail(GENERAL_ERROR, "input_index %zu is out of range of %d inputs", index, model->d.nin);
    }
    return new_port(&model->d.in[index], input_port);
}

ov_status_e ov_model_const_output_by_index(const ov_model_t *model, const size_t index,
                                           ov_output_const_port_t **output_port) {
    FAILPOINT("ov_model_const_output_by_index");
    if (!alive(model, K_MODEL, "ov_model_const_output_by_index") || output_port == NULL) {
        return invalid();
    }
    if (index >= (size_t) model->d.nout) {
        return fail(GENERAL_ERROR, "output_index %zu is out of range of %d outputs", index, model->d.nout);
    }
    return new_port(&model->d.out[index], output_port);
}

static int desc_dynamic(const model_data *d) {
    for (int k = 0; k < 2; k++) {
        int n = k == 0 ? d->nin : d->nout;
        const port_desc *ports = k == 0 ? d->in : d->out;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ports[i].rank; j++) {
                if (ports[i].dims[j] < 0) {
                    return 1;
                }
            }
        }
    }
    return 0;
}

bool ov_model_is_dynamic(const ov_model_t *model) {
    return alive(model, K_MODEL, "ov_model_is_dynamic") && desc_dynamic(&model->d);
}

ov_status_e ov_model_get_friendly_name(const ov_model_t *model, char **friendly_name) {
    FAILPOINT("ov_model_get_friendly_name");
    if (!alive(model, K_MODEL, "ov_model_get_friendly_name") || friendly_name == NULL) {
        return invalid();
    }
    *friendly_name = tracked_strdup(model->d.friendly, K_STRING);
    return OK;
}

void ov_model_free(ov_model_t *model) {
    release_object(model, K_MODEL, "ov_model_free");
}

/* Applies one partial shape to input `index`; rank-0 and dynamic-rank shapes become rank 1 dynamic
 * (the C API's conversion, spec §A.5.6). Output dims at the same axes follow input 0. */
static ov_status_e reshape_one(model_data *d, size_t index, const ov_partial_shape_t *ps) {
    port_desc *p = &d->in[index];
    int64_t rank;
    int64_t dims[MAX_RANK];
    if (ps->rank.min != ps->rank.max || ps->rank.max <= 0) {
        rank = 1;
        dims[0] = -1;
    } else {
        rank = ps->rank.max;
        if (rank > MAX_RANK || ps->dims == NULL) {
            return invalid();
        }
        for (int64_t j = 0; j < rank; j++) {
            ov_dimension_t dim = ps->dims[j];
            if (dim.min < -1 || dim.max < -1 || (dim.max >= 0 && dim.max < dim.min)) {
                return invalid();
            }
            dims[j] = dim.min == dim.max ? dim.min : -1;
        }
    }
    if (rank != p->rank) {
        return fail(GENERAL_ERROR, "Stand-in shape inference: input '%s' has rank %lld, cannot reshape to rank %lld",
                    p->has_name ? p->name : "(unnamed)", (long long) p->rank, (long long) rank);
    }
    memcpy(p->dims, dims, sizeof dims);
    if (index == 0) {
        for (int o = 0; o < d->nout; o++) {
            for (int64_t j = 0; j < d->out[o].rank && j < rank; j++) {
                if (d->out[o].dims[j] < 0) {
                    d->out[o].dims[j] = dims[j];
                }
            }
        }
    }
    return OK;
}

ov_status_e ov_model_reshape_by_port_indexes(const ov_model_t *model, const size_t *port_indexes,
                                             const ov_partial_shape_t *partial_shape, size_t size) {
    FAILPOINT("ov_model_reshape_by_port_indexes");
    if (!alive(model, K_MODEL, "ov_model_reshape_by_port_indexes") || port_indexes == NULL || partial_shape == NULL) {
        return invalid();
    }
    model_data copy = model->d;
    for (size_t i = 0; i < size; i++) {
        if (port_indexes[i] >= (size_t) copy.nin) {
            return fail(GENERAL_ERROR, "port index %zu is out of range of %d inputs", port_indexes[i], copy.nin);
        }
        ov_status_e s = reshape_one(&copy, port_indexes[i], &partial_shape[i]);
        if (s != OK) {
            return s;
        }
    }
    ((ov_model_t *) model)->d = copy;
    return OK;
}

ov_status_e ov_model_reshape_input_by_name(const ov_model_t *model, const char *tensor_name,
                                           const ov_partial_shape_t partial_shape) {
    FAILPOINT("ov_model_reshape_input_by_name");
    if (!alive(model, K_MODEL, "ov_model_reshape_input_by_name") || tensor_name == NULL) {
        return invalid();
    }
    for (int i = 0; i < model->d.nin; i++) {
        if (model->d.in[i].has_name && strcmp(model->d.in[i].name, tensor_name) == 0) {
            model_data copy = model->d;
            ov_status_e s = reshape_one(&copy, (size_t) i, &partial_shape);
            if (s == OK) {
                ((ov_model_t *) model)->d = copy;
            }
            return s;
        }
    }
    return fail(GENERAL_ERROR, "Port for tensor name %s was not found.", tensor_name);
}

/* ---------------------------------------------------------------- ports, shapes ----------- */

ov_status_e ov_port_get_any_name(const ov_output_const_port_t *port, char **tensor_name) {
    FAILPOINT("ov_port_get_any_name");
    if (!alive(port, K_CONST_PORT, "ov_port_get_any_name") || tensor_name == NULL) {
        return invalid();
    }
    if (!port->p.has_name) {
        return fail(GENERAL_ERROR, "Attempt to get a name for a Tensor without names");
    }
    *tensor_name = tracked_strdup(port->p.name, K_STRING);
    return OK;
}

ov_status_e ov_port_get_element_type(const ov_output_const_port_t *port, ov_element_type_e *tensor_type) {
    FAILPOINT("ov_port_get_element_type");
    if (!alive(port, K_CONST_PORT, "ov_port_get_element_type") || tensor_type == NULL) {
        return invalid();
    }
    *tensor_type = encode_type(port->p.type, 1);
    return OK;
}

ov_status_e ov_port_get_partial_shape(const ov_output_const_port_t *port, ov_partial_shape_t *partial_shape) {
    FAILPOINT("ov_port_get_partial_shape");
    if (!alive(port, K_CONST_PORT, "ov_port_get_partial_shape") || partial_shape == NULL) {
        return invalid();
    }
    int64_t r = port->p.rank;
    ov_dimension_t *dims = calloc((size_t) (r > 0 ? r : 1), sizeof(ov_dimension_t));
    for (int64_t j = 0; j < r; j++) {
        int64_t d = port->p.dims[j];
        dims[j] = d < 0 ? (ov_dimension_t){0, -1} : (ov_dimension_t){d, d};
    }
    track(dims, K_PSHAPE);
    partial_shape->rank = (ov_rank_t){r, r};
    partial_shape->dims = dims;
    return OK;
}

ov_status_e ov_const_port_get_shape(const ov_output_const_port_t *port, ov_shape_t *tensor_shape) {
    FAILPOINT("ov_const_port_get_shape");
    if (!alive(port, K_CONST_PORT, "ov_const_port_get_shape") || tensor_shape == NULL) {
        return invalid();
    }
    for (int64_t j = 0; j < port->p.rank; j++) {
        if (port->p.dims[j] < 0) {
            return fail(GENERAL_ERROR, "to_shape was called on a dynamic shape.");
        }
    }
    if (port->p.rank == 0) {
        return OK; /* OpenVINO leaves the struct untouched for scalars (spec §A.5.4) */
    }
    int64_t *dims = calloc((size_t) port->p.rank, sizeof(int64_t));
    memcpy(dims, port->p.dims, (size_t) port->p.rank * sizeof(int64_t));
    track(dims, K_SHAPE);
    tensor_shape->rank = port->p.rank;
    tensor_shape->dims = dims;
    return OK;
}

void ov_output_const_port_free(ov_output_const_port_t *port) {
    release_object(port, K_CONST_PORT, "ov_output_const_port_free");
}

ov_status_e ov_shape_free(ov_shape_t *shape) {
    if (shape == NULL) {
        return invalid();
    }
    if (shape->dims != NULL && untrack(shape->dims, K_SHAPE, "ov_shape_free")) {
        free(shape->dims);
    }
    shape->dims = NULL;
    shape->rank = 0;
    return OK;
}

void ov_partial_shape_free(ov_partial_shape_t *partial_shape) {
    if (partial_shape == NULL) {
        return;
    }
    if (partial_shape->dims != NULL && untrack(partial_shape->dims, K_PSHAPE, "ov_partial_shape_free")) {
        free(partial_shape->dims);
    }
    partial_shape->dims = NULL;
}

/* By value: the callee reads the struct from registers/stack, so a pointer passed by mistake fails. */
bool ov_dimension_is_dynamic(const ov_dimension_t dim) {
    return !(dim.min == dim.max && dim.max > 0);
}

bool ov_partial_shape_is_dynamic(const ov_partial_shape_t partial_shape) {
    if (partial_shape.rank.min != partial_shape.rank.max || partial_shape.rank.max <= 0) {
        return true;
    }
    for (int64_t j = 0; j < partial_shape.rank.max; j++) {
        if (ov_dimension_is_dynamic(partial_shape.dims[j])) {
            return true;
        }
    }
    return false;
}

const char *ov_partial_shape_to_string(const ov_partial_shape_t partial_shape) {
    char buf[512] = "[";
    if (partial_shape.rank.min != partial_shape.rank.max) {
        return tracked_strdup("[...]", K_STRING);
    }
    for (int64_t j = 0; j < partial_shape.rank.max; j++) {
        ov_dimension_t d = partial_shape.dims[j];
        char part[64];
        if (d.min == d.max) {
            snprintf(part, sizeof part, "%lld", (long long) d.min);
        } else if (d.max < 0) {
            snprintf(part, sizeof part, d.min > 0 ? "%lld.." : "?", (long long) d.min);
        } else {
            snprintf(part, sizeof part, "%lld..%lld", (long long) d.min, (long long) d.max);
        }
        strcat(buf, j == 0 ? "" : ",");
        strcat(buf, part);
    }
    strcat(buf, "]");
    return tracked_strdup(buf, K_STRING);
}

/* ---------------------------------------------------------------- tensors ----------------- */

typedef struct {
    int refs;
    int owned;
    int type; /* logical */
    int64_t rank;
    int64_t dims[MAX_RANK];
    size_t elements;
    size_t bytes;
    void *data;
} buffer;

struct ov_tensor {
    header h;
    buffer *buf;
};

static void retain(buffer *b) {
    __atomic_add_fetch(&b->refs, 1, __ATOMIC_SEQ_CST);
}

static void release(buffer *b) {
    if (b != NULL && __atomic_sub_fetch(&b->refs, 1, __ATOMIC_SEQ_CST) == 0) {
        if (b->owned) {
            free(b->data);
        }
        free(b);
    }
}

static size_t tensor_bytes(const ov_tensor_t *t) {
    return t->buf->bytes;
}

static buffer *new_buffer(int type, int64_t rank, const int64_t *dims) {
    buffer *b = calloc(1, sizeof(buffer));
    b->refs = 1;
    b->type = type;
    b->rank = rank;
    b->elements = 1;
    for (int64_t j = 0; j < rank; j++) {
        b->dims[j] = dims[j];
        b->elements *= (size_t) dims[j];
    }
    b->bytes = (b->elements * (size_t) BITS[type] + 7) / 8;
    return b;
}

static ov_status_e tensor_args(const ov_element_type_e type, const ov_shape_t shape, int *logical) {
    *logical = decode_type(type);
    if (*logical < 0 || BITS[*logical] == 0 || shape.rank < 0 || shape.rank > MAX_RANK
        || (shape.rank > 0 && shape.dims == NULL)) {
        return invalid();
    }
    for (int64_t j = 0; j < shape.rank; j++) {
        if (shape.dims[j] < 0) {
            return invalid();
        }
    }
    return OK;
}

ov_status_e ov_tensor_create(const ov_element_type_e type, const ov_shape_t shape, ov_tensor_t **tensor) {
    FAILPOINT("ov_tensor_create");
    int logical;
    if (tensor == NULL || tensor_args(type, shape, &logical) != OK) {
        return invalid();
    }
    buffer *b = new_buffer(logical, shape.rank, shape.dims);
    b->owned = 1;
    b->data = calloc(b->bytes > 0 ? b->bytes : 1, 1);
    ov_tensor_t *t = new_object(sizeof(ov_tensor_t), K_TENSOR);
    t->buf = b;
    *tensor = t;
    return OK;
}

ov_status_e ov_tensor_create_from_host_ptr(const ov_element_type_e type, const ov_shape_t shape, void *host_ptr,
                                           ov_tensor_t **tensor) {
    FAILPOINT("ov_tensor_create_from_host_ptr");
    int logical;
    if (tensor == NULL || host_ptr == NULL || tensor_args(type, shape, &logical) != OK) {
        return invalid();
    }
    buffer *b = new_buffer(logical, shape.rank, shape.dims);
    b->owned = 0; /* no copy: the caller's memory is read at inference time */
    b->data = host_ptr;
    ov_tensor_t *t = new_object(sizeof(ov_tensor_t), K_TENSOR);
    t->buf = b;
    *tensor = t;
    return OK;
}

ov_status_e ov_tensor_get_shape(const ov_tensor_t *tensor, ov_shape_t *shape) {
    FAILPOINT("ov_tensor_get_shape");
    if (!alive(tensor, K_TENSOR, "ov_tensor_get_shape") || shape == NULL) {
        return invalid();
    }
    if (tensor->buf->rank == 0) {
        return OK; /* scalar: struct left untouched, as in OpenVINO */
    }
    int64_t *dims = calloc((size_t) tensor->buf->rank, sizeof(int64_t));
    memcpy(dims, tensor->buf->dims, (size_t) tensor->buf->rank * sizeof(int64_t));
    track(dims, K_SHAPE);
    shape->rank = tensor->buf->rank;
    shape->dims = dims;
    return OK;
}

ov_status_e ov_tensor_get_element_type(const ov_tensor_t *tensor, ov_element_type_e *type) {
    FAILPOINT("ov_tensor_get_element_type");
    if (!alive(tensor, K_TENSOR, "ov_tensor_get_element_type") || type == NULL) {
        return invalid();
    }
    *type = encode_type(tensor->buf->type, 0);
    return OK;
}

ov_status_e ov_tensor_get_size(const ov_tensor_t *tensor, size_t *elements_size) {
    FAILPOINT("ov_tensor_get_size");
    if (!alive(tensor, K_TENSOR, "ov_tensor_get_size") || elements_size == NULL) {
        return invalid();
    }
    *elements_size = tensor->buf->elements;
    return OK;
}

ov_status_e ov_tensor_get_byte_size(const ov_tensor_t *tensor, size_t *byte_size) {
    FAILPOINT("ov_tensor_get_byte_size");
    if (!alive(tensor, K_TENSOR, "ov_tensor_get_byte_size") || byte_size == NULL) {
        return invalid();
    }
    *byte_size = tensor->buf->bytes;
    return OK;
}

ov_status_e ov_tensor_data(const ov_tensor_t *tensor, void **data) {
    FAILPOINT("ov_tensor_data");
    if (!alive(tensor, K_TENSOR, "ov_tensor_data") || data == NULL) {
        return invalid();
    }
    *data = tensor->buf->data;
    return OK;
}

void ov_tensor_free(ov_tensor_t *tensor) {
    if (release_object(tensor, K_TENSOR, "ov_tensor_free")) {
        release(tensor->buf); /* the wrapper only; a request that holds the tensor keeps it */
    }
}

/* ---------------------------------------------------------------- compiled model ---------- */

ov_status_e ov_compiled_model_inputs_size(const ov_compiled_model_t *compiled_model, size_t *size) {
    FAILPOINT("ov_compiled_model_inputs_size");
    if (!alive(compiled_model, K_COMPILED, "ov_compiled_model_inputs_size") || size == NULL) {
        return invalid();
    }
    *size = (size_t) compiled_model->d.nin;
    return OK;
}

ov_status_e ov_compiled_model_outputs_size(const ov_compiled_model_t *compiled_model, size_t *size) {
    FAILPOINT("ov_compiled_model_outputs_size");
    if (!alive(compiled_model, K_COMPILED, "ov_compiled_model_outputs_size") || size == NULL) {
        return invalid();
    }
    *size = (size_t) compiled_model->d.nout;
    return OK;
}

ov_status_e ov_compiled_model_input_by_index(const ov_compiled_model_t *compiled_model, const size_t index,
                                             ov_output_const_port_t **input_port) {
    FAILPOINT("ov_compiled_model_input_by_index");
    if (!alive(compiled_model, K_COMPILED, "ov_compiled_model_input_by_index") || input_port == NULL) {
        return invalid();
    }
    if (index >= (size_t) compiled_model->d.nin) {
        return fail(GENERAL_ERROR, "input_index %zu is out of range", index);
    }
    return new_port(&compiled_model->d.in[index], input_port);
}

ov_status_e ov_compiled_model_output_by_index(const ov_compiled_model_t *compiled_model, const size_t index,
                                              ov_output_const_port_t **output_port) {
    FAILPOINT("ov_compiled_model_output_by_index");
    if (!alive(compiled_model, K_COMPILED, "ov_compiled_model_output_by_index") || output_port == NULL) {
        return invalid();
    }
    if (index >= (size_t) compiled_model->d.nout) {
        return fail(GENERAL_ERROR, "output_index %zu is out of range", index);
    }
    return new_port(&compiled_model->d.out[index], output_port);
}

ov_status_e ov_compiled_model_get_property(const ov_compiled_model_t *compiled_model, const char *property_key,
                                           char **property_value) {
    FAILPOINT("ov_compiled_model_get_property");
    if (!alive(compiled_model, K_COMPILED, "ov_compiled_model_get_property") || property_key == NULL
        || property_value == NULL) {
        return invalid();
    }
    const char *v = NULL;
    if (strcmp(property_key, "INFERENCE_PRECISION_HINT") == 0) {
        v = compiled_model->precision;
    } else if (strcmp(property_key, "PERFORMANCE_HINT") == 0) {
        v = compiled_model->hint;
    } else if (strcmp(property_key, "OPTIMAL_NUMBER_OF_INFER_REQUESTS") == 0) {
        v = "1";
    } else if (strcmp(property_key, "EXECUTION_DEVICES") == 0) {
        v = compiled_model->device;
    }
    if (v == NULL) {
        return fail(GENERAL_ERROR, "Unsupported property %s by CPU plugin.", property_key);
    }
    *property_value = tracked_strdup(v, K_STRING);
    return OK;
}

ov_status_e ov_compiled_model_export_model(const ov_compiled_model_t *compiled_model, const char *export_model_path) {
    FAILPOINT("ov_compiled_model_export_model");
    if (!alive(compiled_model, K_COMPILED, "ov_compiled_model_export_model") || export_model_path == NULL) {
        return invalid();
    }
    FILE *f = fopen(export_model_path, "wb");
    if (f == NULL) {
        return fail(GENERAL_ERROR, "Cannot open %s for writing", export_model_path);
    }
    format_model(&compiled_model->d, f);
    fclose(f);
    return OK;
}

void ov_compiled_model_free(ov_compiled_model_t *compiled_model) {
    release_object(compiled_model, K_COMPILED, "ov_compiled_model_free");
}

/* ---------------------------------------------------------------- infer requests ---------- */

enum { IDLE, RUNNING, DONE };

struct ov_infer_request {
    header h;
    model_data d;
    buffer *in[MAX_PORTS];
    buffer *out[MAX_PORTS];
    int state;
    pthread_t thread;
    ov_status_e async_status;
};

static int g_async_delay_ms = 30;

ov_status_e ov_compiled_model_create_infer_request(const ov_compiled_model_t *compiled_model,
                                                   ov_infer_request_t **infer_request) {
    FAILPOINT("ov_compiled_model_create_infer_request");
    if (!alive(compiled_model, K_COMPILED, "ov_compiled_model_create_infer_request") || infer_request == NULL) {
        return invalid();
    }
    ov_infer_request_t *r = new_object(sizeof(ov_infer_request_t), K_REQUEST);
    r->d = compiled_model->d;
    *infer_request = r;
    return OK;
}

static int busy(const ov_infer_request_t *r) {
    return __atomic_load_n(&r->state, __ATOMIC_SEQ_CST) == RUNNING;
}

static double read_value(const buffer *b, size_t k) {
    switch (b->type) {
    case T_F32: return ((const float *) b->data)[k];
    case T_F64: return ((const double *) b->data)[k];
    case T_I32: return ((const int32_t *) b->data)[k];
    case T_I64: return (double) ((const int64_t *) b->data)[k];
    case T_I8: return ((const int8_t *) b->data)[k];
    case T_U8: case T_BOOLEAN: return ((const uint8_t *) b->data)[k];
    default: return 0;
    }
}

static void write_value(buffer *b, size_t k, double v) {
    switch (b->type) {
    case T_F32: ((float *) b->data)[k] = (float) v; break;
    case T_F64: ((double *) b->data)[k] = v; break;
    case T_I32: ((int32_t *) b->data)[k] = (int32_t) v; break;
    case T_I64: ((int64_t *) b->data)[k] = (int64_t) v; break;
    case T_I8: ((int8_t *) b->data)[k] = (int8_t) v; break;
    case T_U8: case T_BOOLEAN: ((uint8_t *) b->data)[k] = (uint8_t) v; break;
    default: break;
    }
}

/* The stand-in's "inference" (README.md): out_j[k] = j + 1 + sum_i (i + 2) * in_i[k mod n_i]. */
static ov_status_e compute(ov_infer_request_t *r) {
    for (int i = 0; i < r->d.nin; i++) {
        if (r->in[i] == NULL) {
            return fail(GENERAL_ERROR, "Stand-in: input %d ('%s') has no tensor set", i, r->d.in[i].name);
        }
    }
    for (int j = 0; j < r->d.nout; j++) {
        const port_desc *p = &r->d.out[j];
        int64_t dims[MAX_RANK];
        for (int64_t a = 0; a < p->rank; a++) {
            dims[a] = p->dims[a] >= 0 ? p->dims[a] : (a < r->in[0]->rank ? r->in[0]->dims[a] : 1);
        }
        buffer *b = new_buffer(p->type, p->rank, dims);
        b->owned = 1;
        b->data = calloc(b->bytes > 0 ? b->bytes : 1, 1);
        for (size_t k = 0; k < b->elements; k++) {
            double v = j + 1;
            for (int i = 0; i < r->d.nin; i++) {
                if (r->in[i]->elements > 0) {
                    v += (i + 2) * read_value(r->in[i], k % r->in[i]->elements);
                }
            }
            write_value(b, k, v);
        }
        release(r->out[j]);
        r->out[j] = b;
    }
    return OK;
}

static ov_status_e busy_error(void) {
    return fail(REQUEST_BUSY, "Infer Request is busy");
}

static ov_status_e set_input(ov_infer_request_t *r, int idx, const ov_tensor_t *tensor) {
    const port_desc *p = &r->d.in[idx];
    const buffer *b = tensor->buf;
    if (b->type != p->type) {
        return fail(GENERAL_ERROR, "The tensor element type is not corresponding with output element type (%s != %s)",
                    TYPE_NAMES[b->type], TYPE_NAMES[p->type]);
    }
    int ok = b->rank == p->rank;
    for (int64_t a = 0; ok && a < p->rank; a++) {
        ok = p->dims[a] < 0 || p->dims[a] == b->dims[a];
    }
    if (!ok) {
        return fail(GENERAL_ERROR, "The input tensor size is not equal to the model input type: got rank %lld for '%s'",
                    (long long) b->rank, p->name);
    }
    retain(tensor->buf);
    release(r->in[idx]);
    r->in[idx] = tensor->buf;
    return OK;
}

ov_status_e ov_infer_request_set_input_tensor_by_index(ov_infer_request_t *infer_request, const size_t idx,
                                                       const ov_tensor_t *tensor) {
    FAILPOINT("ov_infer_request_set_input_tensor_by_index");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_set_input_tensor_by_index")
        || !alive(tensor, K_TENSOR, "ov_infer_request_set_input_tensor_by_index")) {
        return invalid();
    }
    if (busy(infer_request)) {
        return busy_error();
    }
    if (idx >= (size_t) infer_request->d.nin) {
        return fail(GENERAL_ERROR, "Input index %zu is out of range", idx);
    }
    return set_input(infer_request, (int) idx, tensor);
}

ov_status_e ov_infer_request_set_tensor(ov_infer_request_t *infer_request, const char *tensor_name,
                                        const ov_tensor_t *tensor) {
    FAILPOINT("ov_infer_request_set_tensor");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_set_tensor") || tensor_name == NULL
        || !alive(tensor, K_TENSOR, "ov_infer_request_set_tensor")) {
        return invalid();
    }
    if (busy(infer_request)) {
        return busy_error();
    }
    for (int i = 0; i < infer_request->d.nin; i++) {
        if (infer_request->d.in[i].has_name && strcmp(infer_request->d.in[i].name, tensor_name) == 0) {
            return set_input(infer_request, i, tensor);
        }
    }
    return fail(GENERAL_ERROR, "Port for tensor name %s was not found.", tensor_name);
}

static ov_status_e output_tensor(ov_infer_request_t *r, int idx, ov_tensor_t **tensor) {
    if (r->out[idx] == NULL) {
        return fail(GENERAL_ERROR, "Stand-in: output %d is read before any inference ran", idx);
    }
    ov_tensor_t *t = new_object(sizeof(ov_tensor_t), K_TENSOR);
    retain(r->out[idx]);
    t->buf = r->out[idx];
    *tensor = t;
    return OK;
}

ov_status_e ov_infer_request_get_output_tensor_by_index(const ov_infer_request_t *infer_request, const size_t idx,
                                                        ov_tensor_t **tensor) {
    FAILPOINT("ov_infer_request_get_output_tensor_by_index");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_get_output_tensor_by_index") || tensor == NULL) {
        return invalid();
    }
    if (busy(infer_request)) {
        return busy_error();
    }
    if (idx >= (size_t) infer_request->d.nout) {
        return fail(GENERAL_ERROR, "Output index %zu is out of range", idx);
    }
    return output_tensor((ov_infer_request_t *) infer_request, (int) idx, tensor);
}

ov_status_e ov_infer_request_get_tensor(const ov_infer_request_t *infer_request, const char *tensor_name,
                                        ov_tensor_t **tensor) {
    FAILPOINT("ov_infer_request_get_tensor");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_get_tensor") || tensor_name == NULL || tensor == NULL) {
        return invalid();
    }
    if (busy(infer_request)) {
        return busy_error();
    }
    for (int j = 0; j < infer_request->d.nout; j++) {
        if (infer_request->d.out[j].has_name && strcmp(infer_request->d.out[j].name, tensor_name) == 0) {
            return output_tensor((ov_infer_request_t *) infer_request, j, tensor);
        }
    }
    return fail(GENERAL_ERROR, "Port for tensor name %s was not found.", tensor_name);
}

ov_status_e ov_infer_request_infer(ov_infer_request_t *infer_request) {
    FAILPOINT("ov_infer_request_infer");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_infer")) {
        return invalid();
    }
    if (busy(infer_request)) {
        return busy_error();
    }
    return compute(infer_request);
}

static void *async_main(void *arg) {
    ov_infer_request_t *r = arg;
    usleep((useconds_t) g_async_delay_ms * 1000);
    r->async_status = compute(r);
    __atomic_store_n(&r->state, DONE, __ATOMIC_SEQ_CST);
    return NULL;
}

ov_status_e ov_infer_request_start_async(ov_infer_request_t *infer_request) {
    FAILPOINT("ov_infer_request_start_async");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_start_async")) {
        return invalid();
    }
    if (busy(infer_request)) {
        return busy_error();
    }
    if (infer_request->state == DONE) {
        pthread_join(infer_request->thread, NULL);
    }
    __atomic_store_n(&infer_request->state, RUNNING, __ATOMIC_SEQ_CST);
    pthread_create(&infer_request->thread, NULL, async_main, infer_request);
    return OK;
}

static ov_status_e joined(ov_infer_request_t *r) {
    __atomic_store_n(&r->state, IDLE, __ATOMIC_SEQ_CST);
    return r->async_status;
}

ov_status_e ov_infer_request_wait(ov_infer_request_t *infer_request) {
    FAILPOINT("ov_infer_request_wait");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_wait")) {
        return invalid();
    }
    if (infer_request->state == IDLE) {
        return OK;
    }
    pthread_join(infer_request->thread, NULL);
    return joined(infer_request);
}

ov_status_e ov_infer_request_wait_for(ov_infer_request_t *infer_request, const int64_t timeout) {
    FAILPOINT("ov_infer_request_wait_for");
    if (!alive(infer_request, K_REQUEST, "ov_infer_request_wait_for") || timeout < 0) {
        return invalid();
    }
    if (infer_request->state == IDLE) {
        return OK;
    }
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += timeout / 1000;
    deadline.tv_nsec += (timeout % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    if (pthread_timedjoin_np(infer_request->thread, NULL, &deadline) == ETIMEDOUT) {
        return RESULT_NOT_READY; /* OpenVINO reports a timeout without a message */
    }
    return joined(infer_request);
}

void ov_infer_request_free(ov_infer_request_t *infer_request) {
    if (!release_object(infer_request, K_REQUEST, "ov_infer_request_free")) {
        return;
    }
    if (infer_request->state != IDLE) {
        pthread_join(infer_request->thread, NULL);
    }
    for (int i = 0; i < MAX_PORTS; i++) {
        release(infer_request->in[i]);
        release(infer_request->out[i]);
        infer_request->in[i] = infer_request->out[i] = NULL;
    }
}

/* ---------------------------------------------------------------- test controls ----------- */

static int kind_index(const char *kind) {
    for (int k = 0; k < K_COUNT; k++) {
        if (strcmp(KIND_NAMES[k], kind) == 0) {
            return k;
        }
    }
    return -1;
}

void standin_reset(void) {
    pthread_mutex_lock(&g_lock);
    memset(g_created, 0, sizeof g_created);
    memset(g_freed, 0, sizeof g_freed);
    g_misuse = g_invalid = 0;
    g_misuse_log[0] = 0;
    g_nallocs = 0;
    g_has_err = 0;
    g_fail_fn[0] = 0;
    g_compile_log[0] = 0;
    g_property_log[0] = 0;
    g_last_bin[0] = 0;
    g_last_weights_bytes = -1;
    g_async_delay_ms = 30;
    snprintf(g_version, sizeof g_version, "%s", "2025.3.0-19807-44526285f24-releases/2025/3");
    g_numbering = -1;
    g_devices_set = 0;
    g_ndevices = 2;
    pthread_mutex_unlock(&g_lock);
}

/* Sets the devices ov_core_get_available_devices reports: comma-separated, "" for none. */
void standin_set_devices(const char *csv) {
    pthread_mutex_lock(&g_lock);
    g_ndevices = 0;
    g_devices_set = 1;
    const char *p = csv;
    while (*p != 0 && g_ndevices < MAX_DEVICES) {
        const char *end = strchr(p, ',');
        size_t len = end == NULL ? strlen(p) : (size_t) (end - p);
        snprintf(g_devices[g_ndevices++], sizeof g_devices[0], "%.*s", (int) (len < 31 ? len : 31), p);
        p = end == NULL ? p + len : end + 1;
    }
    pthread_mutex_unlock(&g_lock);
}

void standin_set_version(const char *build_number, int numbering) {
    snprintf(g_version, sizeof g_version, "%s", build_number);
    g_numbering = numbering;
}

/* Makes the next call of function return status; message NULL records none (the last one stays). */
void standin_fail_next(const char *function, int status, const char *message) {
    snprintf(g_fail_fn, sizeof g_fail_fn, "%s", function);
    g_fail_status = status;
    g_fail_records = message != NULL;
    snprintf(g_fail_msg, sizeof g_fail_msg, "%s", message != NULL ? message : "");
}

void standin_set_async_delay_ms(int ms) {
    g_async_delay_ms = ms;
}

long standin_created(const char *kind) {
    int k = kind_index(kind);
    return k < 0 ? -1 : g_created[k];
}

long standin_freed(const char *kind) {
    int k = kind_index(kind);
    return k < 0 ? -1 : g_freed[k];
}

long standin_misuse(void) {
    return g_misuse;
}

const char *standin_misuse_log(void) {
    return g_misuse_log;
}

long standin_invalid_params(void) {
    return g_invalid;
}

const char *standin_compile_log(void) {
    return g_compile_log;
}

const char *standin_property_log(void) {
    return g_property_log;
}

const char *standin_last_bin_path(void) {
    return g_last_bin;
}

long standin_last_weights_bytes(void) {
    return g_last_weights_bytes;
}

int standin_dependency_chain(void) {
    return standin_runtime_marker();
}

/* Sizes and field offsets as this C compiler lays the structs out, to check the Java layouts against. */
#include <stddef.h>
long standin_layout(const char *what) {
    struct entry {
        const char *name;
        long value;
    };
    static const struct entry table[] = {
        {"sizeof ov_dimension_t", sizeof(ov_dimension_t)},
        {"offsetof ov_dimension_t.max", offsetof(ov_dimension_t, max)},
        {"sizeof ov_shape_t", sizeof(ov_shape_t)},
        {"offsetof ov_shape_t.dims", offsetof(ov_shape_t, dims)},
        {"sizeof ov_partial_shape_t", sizeof(ov_partial_shape_t)},
        {"offsetof ov_partial_shape_t.dims", offsetof(ov_partial_shape_t, dims)},
        {"sizeof ov_version_t", sizeof(ov_version_t)},
        {"offsetof ov_version_t.description", offsetof(ov_version_t, description)},
        {"sizeof ov_available_devices_t", sizeof(ov_available_devices_t)},
        {"offsetof ov_available_devices_t.size", offsetof(ov_available_devices_t, size)},
        {"sizeof size_t", sizeof(size_t)},
        {"sizeof bool", sizeof(bool)},
        {"sizeof ov_status_e", sizeof(ov_status_e)},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].name, what) == 0) {
            return table[i].value;
        }
    }
    return -1;
}
