/* OpenBLAS sgemm exposed to Node through N-API: the batched float32 matmul tfjs-wasm's BatchMatMul kernel calls.
   Arguments are Float32Array views (typically on the wasm heap), so no data is copied. */
#include <node_api.h>
#include <cblas.h>
#include <stdint.h>

#define CHECK(call) do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "auscult_blas: " #call " failed"); return NULL; } } while (0)

static float *f32(napi_env env, napi_value v, size_t *len) {
  napi_typedarray_type type; void *data = NULL; napi_value ab; size_t off = 0;
  if (napi_get_typedarray_info(env, v, &type, len, &data, &ab, &off) != napi_ok || type != napi_float32_array) return NULL;
  return (float *)data;
}

/* sgemmBatch(a, b, c, batch, m, n, k, transA, transB, strideA, strideB)
   For each i < batch: C_i[m,n] = op(A_i) @ op(B_i), row-major, where A_i = a + i*strideA (stride 0 broadcasts),
   op(A) is [m,k] (stored [k,m] when transA), op(B) is [k,n] (stored [n,k] when transB). */
static napi_value SgemmBatch(napi_env env, napi_callback_info info) {
  size_t argc = 11; napi_value argv[11];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 11) { napi_throw_type_error(env, NULL, "sgemmBatch expects 11 arguments"); return NULL; }
  size_t la, lb, lc; float *a = f32(env, argv[0], &la), *b = f32(env, argv[1], &lb), *c = f32(env, argv[2], &lc);
  if (!a || !b || !c) { napi_throw_type_error(env, NULL, "sgemmBatch: a, b, c must be Float32Array"); return NULL; }
  int32_t batch, m, n, k, sa, sb; bool ta, tb;
  CHECK(napi_get_value_int32(env, argv[3], &batch)); CHECK(napi_get_value_int32(env, argv[4], &m));
  CHECK(napi_get_value_int32(env, argv[5], &n)); CHECK(napi_get_value_int32(env, argv[6], &k));
  CHECK(napi_get_value_bool(env, argv[7], &ta)); CHECK(napi_get_value_bool(env, argv[8], &tb));
  CHECK(napi_get_value_int32(env, argv[9], &sa)); CHECK(napi_get_value_int32(env, argv[10], &sb));
  if ((size_t)sa * (batch - 1) + (size_t)m * k > la || (size_t)sb * (batch - 1) + (size_t)k * n > lb ||
      (size_t)batch * m * n > lc) {
    napi_throw_range_error(env, NULL, "sgemmBatch: a shape does not fit its array"); return NULL;
  }
  for (int32_t i = 0; i < batch; i++) {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0f,
                a + (size_t)i * sa, ta ? m : k, b + (size_t)i * sb, tb ? k : n, 0.0f, c + (size_t)i * m * n, n);
  }
  return NULL;
}

static napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value argv[1]; int32_t t;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &t));
  openblas_set_num_threads(t);
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"sgemmBatch", NULL, SgemmBatch, NULL, NULL, NULL, napi_default, NULL},
    {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, 2, props));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
