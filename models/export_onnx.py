"""Exports a Hugging Face BERT-family model directory to an fp32 ONNX graph that Palisade's
`ort` backend runs (inputs input_ids/attention_mask/token_type_ids; output last_hidden_state,
or logits for a sequence classifier). Needs torch and transformers (not used by CI).

    python3 models/export_onnx.py models/cache/all-minilm-l6-v2 models/cache/all-minilm-l6-v2-onnx

On the CPU here, onnxruntime runs this fp32 export faster than the int8 one (no AVX-512 VNNI):
22.6 ms vs 32.4 ms at 128 tokens.
"""
import shutil
import sys

import torch
import transformers


def main(src, dst):
    import pathlib

    out = pathlib.Path(dst)
    out.mkdir(parents=True, exist_ok=True)
    config = transformers.AutoConfig.from_pretrained(src)
    cls = any(a.endswith("ForSequenceClassification") for a in (config.architectures or []))
    auto = transformers.AutoModelForSequenceClassification if cls else transformers.AutoModel
    model = auto.from_pretrained(src, attn_implementation="eager").eval()
    output = "logits" if cls else "last_hidden_state"

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return getattr(self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids), output)

    ids = torch.ones(1, 16, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(
        Wrapper(model),
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(out / "model.onnx"),
        input_names=names,
        output_names=[output],
        dynamic_axes={k: {0: "batch", 1: "tokens"} for k in names + ([output] if not cls else [])} | ({output: {0: "batch"}} if cls else {}),
        opset_version=17,
        dynamo=False,
    )
    for f in ["config.json", "tokenizer.json"]:
        shutil.copy(pathlib.Path(src) / f, out / f)
    print(f"wrote {out / 'model.onnx'}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
