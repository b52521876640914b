"""onnxruntime from Python on the same MiniLM-L6 model and token counts as the candle bench
(`cargo bench -p palisade-models --bench encoder`), for a side-by-side in one run.

    pip install onnxruntime==1.31.1 numpy && python3 benches/ort_python.py

Uses the int8 ONNX model fetched by models/fetch.sh (models/cache/all-minilm-l6-v2-int8) with
2 intra-op threads; prints median and p90 latency per input size and batch throughput.
"""
import pathlib
import statistics
import time

import numpy as np
import onnxruntime as ort

ROOT = pathlib.Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "cache" / "all-minilm-l6-v2-int8" / "model.onnx"


def ids(n, k=0):
    return [101] + [2000 + (i + 7 * k) % 5000 for i in range(n - 2)] + [102]


def main():
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(MODEL), opts, providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]

    def run(batch):
        a = np.array(batch, dtype=np.int64)
        feed = {"input_ids": a, "attention_mask": np.ones_like(a), "token_type_ids": np.zeros_like(a)}
        return sess.run(None, {k: v for k, v in feed.items() if k in names})

    for n in [16, 64, 128, 256, 512]:
        x = [ids(n)]
        for _ in range(3):
            run(x)
        ts = []
        for _ in range(30):
            t = time.perf_counter()
            run(x)
            ts.append((time.perf_counter() - t) * 1000)
        ts.sort()
        print(f"onnxruntime-python int8 single/{n}_tokens: median {statistics.median(ts):.2f} ms, p90 {ts[int(0.9 * len(ts))]:.2f} ms")
    x = [ids(128, k) for k in range(16)]
    run(x)
    t = time.perf_counter()
    reps = 5
    for _ in range(reps):
        run(x)
    dt = (time.perf_counter() - t) / reps
    print(f"onnxruntime-python int8 batch16/128_tokens: {dt * 1000:.1f} ms per batch, {16 / dt:.1f} texts/s")


if __name__ == "__main__":
    main()
