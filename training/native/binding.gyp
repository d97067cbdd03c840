{
  "targets": [
    {
      "target_name": "auscult_blas",
      "sources": ["blas.c"],
      "libraries": ["-lopenblas"],
      "cflags": ["-O2"]
    }
  ]
}
