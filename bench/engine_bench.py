"""Engine figures, in this process, warm.

engine.assess(json.loads(text)) per golden case (what the desktop session and the
command line run: validate, evaluate, serialise), baseline json.loads(text) of the same
documents; and the same for the scale case (20 studies, 40 lesions). One "run" is one
pass over every case; the figure is that pass's time divided by the number of cases.
Baseline and engine passes alternate so that both see the same machine state."""
from __future__ import annotations

import gc
import json
import time

from bench.cases import load_cases, motivating_case, scale_case
from bench.stats import Figure

ENGINE_AIM_US = 1000.0


def _per_case_us(fn, texts: list[str]) -> float:
    t = time.perf_counter_ns()
    for text in texts:
        fn(text)
    return (time.perf_counter_ns() - t) / 1000.0 / len(texts)


def _series(fn, base, texts: list[str], runs: int, warmup: int) -> tuple[list[float], list[float]]:
    for _ in range(warmup):
        _per_case_us(base, texts)
        _per_case_us(fn, texts)
    gc.collect()
    values, baseline = [], []
    for _ in range(runs):
        baseline.append(_per_case_us(base, texts))
        values.append(_per_case_us(fn, texts))
    return values, baseline


def run(quick: bool = False) -> tuple[list[Figure], dict]:
    t_import = time.perf_counter()
    import engine
    import_s = time.perf_counter() - t_import

    runs, warmup = (30, 5) if quick else (200, 20)
    docs = load_cases()
    texts = [d.text for d in docs]
    for d in docs:  # every case must evaluate (a broken case would make the figure lie)
        engine.assess(json.loads(d.text))

    def assess(text: str):
        return engine.assess(json.loads(text))

    values, baseline = _series(assess, json.loads, texts, runs, warmup)
    cpu = []  # CPU time per case: what the engine costs even when other work competes
    for _ in range(max(5, runs // 4)):
        c = time.process_time()
        for text in texts:
            assess(text)
        cpu.append((time.process_time() - c) * 1e6 / len(texts))
    cpu.sort()

    # Breakdown (for the owner; not separate rows): validate, evaluate, serialise.
    datas = [json.loads(t) for t in texts]
    cases = [engine.parse_case(d) for d in datas]
    results = [engine.evaluate(c) for c in cases]
    parts = {}
    for name, fn, items in (("parse_case", engine.parse_case, datas),
                            ("evaluate", engine.evaluate, cases),
                            ("model_dump", lambda a: a.model_dump(mode="json"), results)):
        samples = []
        for _ in range(max(5, runs // 4)):
            t = time.perf_counter_ns()
            for item in items:
                fn(item)
            samples.append((time.perf_counter_ns() - t) / 1000.0 / len(items))
        samples.sort()
        parts[name] = samples[len(samples) // 2]
    per_case = {}
    for d in docs:
        samples = sorted(_per_case_us(assess, [d.text]) for _ in range(max(5, runs // 10)))
        per_case[d.name] = round(samples[len(samples) // 2], 1)

    med = sorted(values)[len(values) // 2]
    engine_fig = Figure(
        id="engine.assess", section="engine",
        label=f"Engine: assess one golden case, warm ({len(docs)} cases)", unit="us",
        values=values, baseline_label="json.loads of the same JSON", baseline_values=baseline,
        aim="< 1000 us per case", aim_met=med < ENGINE_AIM_US,
        extra={"cpu_us_median": round(cpu[len(cpu) // 2], 1),
               "cases": [{"name": d.name, "source": d.source} for d in docs],
               "breakdown_us_median": {k: round(v, 1) for k, v in parts.items()},
               "per_case_us_median": per_case,
               "import_engine_s_in_bench_process": round(import_s, 4)})

    # Scale: 20 studies, 40 lesions; flat = close to the motivating case's time.
    scale_text = json.dumps(scale_case(), indent=2)
    motiv_text = json.dumps(motivating_case(), indent=2)
    s_values, s_base = _series(assess, json.loads, [scale_text], runs, warmup)
    m_values, _ = _series(assess, json.loads, [motiv_text], runs, warmup)
    s_med = sorted(s_values)[len(s_values) // 2]
    m_med = sorted(m_values)[len(m_values) // 2]
    scale_fig = Figure(
        id="scale.evaluate", section="scale",
        label="Scale: assess the 20-study, 40-lesion case, warm", unit="us",
        values=s_values, baseline_label="json.loads of the same JSON", baseline_values=s_base,
        aim="< 1000 us and flat", aim_met=s_med < ENGINE_AIM_US,
        extra={"motivating_case_us_median": round(m_med, 1),
               "growth_vs_motivating_case": round(s_med / m_med, 2)})
    info = {"cases": len(docs), "shared_vignettes_used": any(d.source != "bench/cases"
                                                            for d in docs)}
    return [engine_fig, scale_fig], info
