/*
 * Types of the OpenVINO C API (2024+ headers) as documented in shared/spec/openvino.md §A.2.2,
 * re-declared for the stand-in. THIS IS NOT OPENVINO: see README.md.
 */
#ifndef STANDIN_COMMON_H
#define STANDIN_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    OK = 0,
    GENERAL_ERROR = -1,
    NOT_IMPLEMENTED = -2,
    NETWORK_NOT_LOADED = -3,
    PARAMETER_MISMATCH = -4,
    NOT_FOUND = -5,
    OUT_OF_BOUNDS = -6,
    UNEXPECTED = -7,
    REQUEST_BUSY = -8,
    RESULT_NOT_READY = -9,
    NOT_ALLOCATED = -10,
    INFER_NOT_STARTED = -11,
    NETWORK_NOT_READ = -12,
    INFER_CANCELLED = -13,
    INVALID_C_PARAM = -14,
    UNKNOWN_C_ERROR = -15,
    NOT_IMPLEMENT_C_METHOD = -16,
    UNKNOW_EXCEPTION = -17
} ov_status_e;

typedef int ov_element_type_e;

typedef struct ov_dimension {
    int64_t min;
    int64_t max;
} ov_dimension_t;
typedef ov_dimension_t ov_rank_t;

typedef struct {
    int64_t rank;
    int64_t *dims;
} ov_shape_t;

typedef struct ov_partial_shape {
    ov_rank_t rank;
    ov_dimension_t *dims;
} ov_partial_shape_t;

typedef struct ov_version {
    const char *buildNumber;
    const char *description;
} ov_version_t;

typedef struct {
    char **devices;
    size_t size;
} ov_available_devices_t;

typedef struct ov_core ov_core_t;
typedef struct ov_model ov_model_t;
typedef struct ov_compiled_model ov_compiled_model_t;
typedef struct ov_infer_request ov_infer_request_t;
typedef struct ov_tensor ov_tensor_t;
typedef struct ov_output_const_port ov_output_const_port_t;

#endif
